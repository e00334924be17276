package dev.junction.daemon.api;

import java.io.IOException;
import java.io.OutputStream;

/** What a route answers: a whole body (or none), or a stream it writes as events happen. */
public sealed interface ApiResponse {

  int status();

  /**
   * A complete answer.
   *
   * @param body the body text; null for none
   */
  record Whole(int status, String body, String contentType) implements ApiResponse {}

  /** An answer written over time, flushed as it goes: {@code GET /events}. */
  record Streamed(int status, String contentType, StreamWriter writer) implements ApiResponse {}

  /** Writes a streamed body; returns when the stream ends or the client goes away. */
  @FunctionalInterface
  interface StreamWriter {
    void writeTo(OutputStream out) throws IOException, InterruptedException;
  }

  static ApiResponse json(int status, Object value) {
    return new Whole(status, Json.write(value), "application/json");
  }

  static ApiResponse empty(int status) {
    return new Whole(status, null, null);
  }

  static ApiResponse text(int status, String text, String contentType) {
    return new Whole(status, text, contentType);
  }
}
