package dev.junction.cli.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * HTTP/1.1 over a unix or TCP socket, one request per connection. Small on purpose: the JDK's
 * client cannot reach a unix socket, and a full client costs more start-up time than a whole {@code
 * junction network ls} may take.
 */
public final class SocketHttpClient {

  /** Any value does: the daemon does not route by host; docker sends "api.moby.localhost". */
  private static final String HOST = "junction";

  private final DaemonAddress address;

  public SocketHttpClient(DaemonAddress address) {
    this.address = address;
  }

  public DaemonAddress address() {
    return address;
  }

  /** Sends a request and reads the whole response. */
  public HttpResponse send(HttpRequest request) throws IOException {
    return open(request).readFully();
  }

  /**
   * Sends a request and reads the response's head; the body is read from the returned stream as it
   * arrives.
   *
   * @throws DaemonUnreachableException when no connection can be made
   */
  public ResponseStream open(HttpRequest request) throws IOException {
    SocketChannel channel;
    try {
      channel = address.connect();
    } catch (IOException e) {
      throw new DaemonUnreachableException(address, e);
    }
    try {
      write(channel, request.head(HOST));
      if (request.body().length > 0) {
        write(channel, request.body());
      }
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
      HttpHead head = HttpHead.read(in);
      return new ResponseStream(
          channel, head.status(), head.headers(), head.body(in, request.method()));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static void write(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
