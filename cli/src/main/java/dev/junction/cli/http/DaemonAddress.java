package dev.junction.cli.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Where the daemon's API is: {@code unix:///run/junction/junction.sock} or {@code tcp://...}. */
public sealed interface DaemonAddress {

  /** Where a daemon started with no {@code -H} listens. */
  String DEFAULT = "unix:///run/junction/junction.sock";

  /** Opens a blocking connection. */
  SocketChannel connect() throws IOException;

  /** A unix socket. */
  record Unix(Path path) implements DaemonAddress {
    @Override
    public SocketChannel connect() throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(path));
        return channel;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    @Override
    public String toString() {
      return "unix://" + path;
    }
  }

  /** A TCP port; the daemon listens on loopback only, since the API has no authentication. */
  record Tcp(String host, int port) implements DaemonAddress {
    @Override
    public SocketChannel connect() throws IOException {
      return SocketChannel.open(new InetSocketAddress(host, port));
    }

    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  /**
   * Parses {@code -H} or {@code JUNCTION_HOST}.
   *
   * @throws IllegalArgumentException naming the value and what is expected
   */
  static DaemonAddress parse(String text) {
    if (text.startsWith("unix://")) {
      String path = text.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "invalid host \"" + text + "\": the socket path must be absolute (unix:///PATH)");
      }
      return new Unix(Path.of(path));
    }
    if (text.startsWith("tcp://")) {
      URI uri;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid host \"" + text + "\": expected tcp://HOST:PORT", e);
      }
      if (uri.getHost() == null
          || uri.getPort() <= 0
          || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
        throw new IllegalArgumentException(
            "invalid host \"" + text + "\": expected tcp://HOST:PORT");
      }
      return new Tcp(uri.getHost(), uri.getPort());
    }
    throw new IllegalArgumentException(
        "invalid host \"" + text + "\": expected unix:///PATH or tcp://127.0.0.1:PORT");
  }
}
