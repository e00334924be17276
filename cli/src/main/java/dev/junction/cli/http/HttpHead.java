package dev.junction.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A response's status line and headers, as read off the connection. */
record HttpHead(int status, Map<String, String> headers) {

  /** Longer lines are refused: no answer of the API has them, so something else is talking. */
  private static final int MAX_LINE = 16 * 1024;

  private static final int MAX_HEADERS = 100;

  static HttpHead read(InputStream in) throws IOException {
    String statusLine = readLine(in);
    if (statusLine == null) {
      throw new EOFException("connection closed before a response");
    }
    // HTTP/1.1 200 OK
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
      throw new IOException("not an HTTP response: \"" + printable(statusLine) + "\"");
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP response: \"" + printable(statusLine) + "\"");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while (!(line = requireLine(in)).isEmpty()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("invalid response header \"" + printable(line) + "\"");
      }
      if (headers.size() == MAX_HEADERS) {
        throw new IOException("more than " + MAX_HEADERS + " response headers");
      }
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    return new HttpHead(status, headers);
  }

  /** The body as the headers frame it: chunked, by length, or up to the end of the connection. */
  InputStream body(InputStream in, String method) throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
      return InputStream.nullInputStream();
    }
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new ChunkedInputStream(in);
    }
    String length = headers.get("content-length");
    if (length != null) {
      long bytes;
      try {
        bytes = Long.parseLong(length);
      } catch (NumberFormatException e) {
        throw new IOException("invalid Content-Length \"" + printable(length) + "\"");
      }
      if (bytes < 0) {
        throw new IOException("invalid Content-Length \"" + printable(length) + "\"");
      }
      return new LengthInputStream(in, bytes);
    }
    return in;
  }

  private static String requireLine(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      throw new EOFException("connection closed inside the response headers");
    }
    return line;
  }

  /** A line ended by CRLF (or a bare LF), without its end; null at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() == MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    if (line.size() == 0) {
      return null;
    }
    throw new EOFException("connection closed inside a line");
  }

  private static String printable(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** Exactly {@code length} bytes, then the end; a connection closed early is an error. */
  private static final class LengthInputStream extends InputStream {
    private final InputStream in;
    private long left;

    LengthInputStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left == 0) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed " + left + " bytes before the end of the body");
      }
      left--;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (left == 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new EOFException("connection closed " + left + " bytes before the end of the body");
      }
      left -= n;
      return n;
    }
  }
}
