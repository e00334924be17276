package dev.junction.cli.format;

/** A template that cannot be parsed or run, with Go's wording where the docker CLI shows it. */
public final class TemplateException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
