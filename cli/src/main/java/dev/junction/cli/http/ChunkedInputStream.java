package dev.junction.cli.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body in chunked transfer encoding (RFC 9112 §7.1), decoded; trailers are read and dropped. */
final class ChunkedInputStream extends InputStream {
  private final InputStream in;
  private long left; // bytes left in the current chunk
  private boolean started; // a chunk has been read, so the next size follows a line end
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (!ensureChunk()) {
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    left--;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!ensureChunk()) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, left));
    if (n < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    left -= n;
    return n;
  }

  /** Moves to the next chunk when this one is used up; false at the last chunk. */
  private boolean ensureChunk() throws IOException {
    if (done) {
      return false;
    }
    if (left > 0) {
      return true;
    }
    if (left == 0 && started) {
      expectLineEnd();
    }
    started = true;
    String sizeLine = HttpHead.readLine(in);
    if (sizeLine == null) {
      throw new EOFException("connection closed before the last chunk");
    }
    int extension = sizeLine.indexOf(';');
    String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
    try {
      left = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("invalid chunk size \"" + sizeLine + "\"");
    }
    if (left < 0) {
      throw new IOException("invalid chunk size \"" + sizeLine + "\"");
    }
    if (left == 0) {
      String trailer;
      do {
        trailer = HttpHead.readLine(in);
      } while (trailer != null && !trailer.isEmpty());
      done = true;
      return false;
    }
    return true;
  }

  private void expectLineEnd() throws IOException {
    String rest = HttpHead.readLine(in);
    if (rest == null || !rest.isEmpty()) {
      throw new IOException("chunk not followed by a line end");
    }
  }
}
