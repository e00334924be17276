package dev.junction.cli.json;

import java.io.IOException;

/** A text that is not JSON; the message says what was expected where. */
public final class JsonSyntaxException extends IOException {
  private static final long serialVersionUID = 1L;

  public JsonSyntaxException(String message) {
    super(message);
  }
}
