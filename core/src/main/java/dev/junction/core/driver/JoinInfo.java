package dev.junction.core.driver;

import dev.junction.kernel.ip.IpAddress;
import java.util.Optional;

/**
 * What a driver tells the sandbox when an endpoint joins: the gateways its default route may use.
 * Empty gateways mean the endpoint gives no way out (internal networks, null).
 */
public record JoinInfo(Optional<IpAddress> gatewayV4, Optional<IpAddress> gatewayV6) {

  public static final JoinInfo NONE = new JoinInfo(Optional.empty(), Optional.empty());
}
