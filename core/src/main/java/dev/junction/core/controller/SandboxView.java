package dev.junction.core.controller;

import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox with its endpoints in gateway-election order.
 *
 * @param gatewayEndpoint the endpoint the default route uses, if any
 */
public record SandboxView(
    Sandbox sandbox,
    List<Attachment> endpoints,
    Optional<Endpoint> gatewayEndpoint,
    Path hostsFile,
    Path resolvConf) {

  public SandboxView {
    endpoints = List.copyOf(endpoints);
  }

  /** One endpoint of the sandbox and its network. */
  public record Attachment(Endpoint endpoint, Network network) {}
}
