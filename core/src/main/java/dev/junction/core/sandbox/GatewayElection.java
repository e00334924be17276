package dev.junction.core.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders a sandbox's endpoints as {@code cnm.md} step 2 and libnetwork's {@code endpoint.Less} do,
 * and picks the gateway endpoint: the first in that order that offers a gateway.
 *
 * <ol>
 *   <li>higher gateway priority first;
 *   <li>the gateway-bridge network last;
 *   <li>internal networks after non-internal ones;
 *   <li>endpoints with gateways of both families, then IPv6 only, then IPv4 only, then none;
 *   <li>then by network name.
 * </ol>
 */
public final class GatewayElection {
  private GatewayElection() {}

  /**
   * The name of the network that gives sandboxes without a gateway a way out (Docker's
   * docker_gwbridge).
   */
  public static final String GATEWAY_BRIDGE = "junction_gwbridge";

  public static final Comparator<JoinedEndpoint> ORDER =
      Comparator.<JoinedEndpoint>comparingInt(e -> -e.endpoint().gatewayPriority())
          .thenComparing(e -> e.network().name().equals(GATEWAY_BRIDGE))
          .thenComparing(e -> e.network().internal())
          .thenComparingInt(e -> -e.endpoint().gatewayRank())
          .thenComparing(e -> e.network().name());

  public static List<JoinedEndpoint> order(List<JoinedEndpoint> endpoints) {
    return endpoints.stream().sorted(ORDER).toList();
  }

  /** The endpoint whose gateway the sandbox's default route uses, if any offers one. */
  public static Optional<JoinedEndpoint> elect(List<JoinedEndpoint> endpoints) {
    return endpoints.stream().sorted(ORDER).filter(e -> e.endpoint().gatewayRank() > 0).findFirst();
  }
}
