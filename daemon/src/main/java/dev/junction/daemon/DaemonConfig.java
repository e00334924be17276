package dev.junction.daemon;

import dev.junction.core.ipam.PoolSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a daemon runs: the flags of {@code junction daemon}, or the same keys in its config file.
 *
 * @param dataRoot the store and sandbox files ({@code /var/lib/junction})
 * @param execRoot sockets and runtime files ({@code /run/junction})
 * @param netnsDir where sandbox namespaces are created ({@code /run/netns})
 * @param etcNetns where per-namespace hosts and resolv.conf copies go, for {@code ip netns exec}
 * @param hosts where the API listens: {@code unix:///path} or {@code tcp://127.0.0.1:PORT}
 * @param pidFile where the daemon writes its PID
 * @param defaultAddressPools pools for networks without a subnet; empty for Docker's defaults
 */
public record DaemonConfig(
    Path dataRoot,
    Path execRoot,
    Path netnsDir,
    Path etcNetns,
    List<Listener> hosts,
    Path pidFile,
    DaemonLog.Level logLevel,
    List<PoolSpec> defaultAddressPools) {

  public DaemonConfig {
    Objects.requireNonNull(dataRoot);
    Objects.requireNonNull(execRoot);
    Objects.requireNonNull(netnsDir);
    Objects.requireNonNull(etcNetns);
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(pidFile);
    Objects.requireNonNull(logLevel);
    defaultAddressPools = List.copyOf(defaultAddressPools);
  }

  /** One address the API listens on. */
  public sealed interface Listener {

    /** A unix socket, created mode 0660. */
    record Unix(Path path) implements Listener {}

    /** A TCP port on the loopback address: only where asked for, and never on other addresses. */
    record Tcp(String host, int port) implements Listener {}

    /**
     * Parses {@code -H}: {@code unix:///run/junction/junction.sock}, {@code tcp://127.0.0.1:2375}.
     */
    static Listener parse(String text) {
      if (text.startsWith("unix://")) {
        Path path = Path.of(text.substring("unix://".length()));
        if (!path.isAbsolute()) {
          throw new IllegalArgumentException(
              "invalid host \"" + text + "\": the socket path must be absolute");
        }
        return new Unix(path);
      }
      if (text.startsWith("tcp://")) {
        URI uri = URI.create(text);
        if (uri.getPort() < 0 || uri.getHost() == null) {
          throw new IllegalArgumentException(
              "invalid host \"" + text + "\": expected tcp://127.0.0.1:PORT");
        }
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
          throw new IllegalArgumentException(
              "invalid host \""
                  + text
                  + "\": the API has no authentication, so it listens on loopback only");
        }
        return new Tcp("127.0.0.1", uri.getPort());
      }
      throw new IllegalArgumentException(
          "invalid host \"" + text + "\": expected unix:///PATH or tcp://127.0.0.1:PORT");
    }
  }
}
