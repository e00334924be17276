package dev.junction.core.driver;

import dev.junction.core.model.Network;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.link.Link;
import java.util.Map;
import java.util.Optional;

/**
 * A network as its driver sees it.
 *
 * @param host the namespace the engine's networks live in (bridges, the host ends of veths)
 * @param hostLinks the host's links by name, listed once for a check of many endpoints (one listing
 *     instead of a request or two per endpoint); empty when each lookup asks the kernel
 */
public record NetworkContext(
    Network network, NetStack host, Optional<Map<String, Link>> hostLinks) {

  public NetworkContext(Network network, NetStack host) {
    this(network, host, Optional.empty());
  }

  /** The same network, looking its host links up in {@code listed}. */
  public NetworkContext withHostLinks(Map<String, Link> listed) {
    return new NetworkContext(network, host, Optional.of(listed));
  }

  /** The host's link {@code name}: from the listing when there is one, else from the kernel. */
  public Optional<Link> hostLink(String name) {
    return hostLinks.isPresent()
        ? Optional.ofNullable(hostLinks.get().get(name))
        : host.findLink(name);
  }
}
