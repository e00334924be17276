package dev.junction.core.controller;

import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import java.util.List;

/** A network with its endpoints and the sandboxes they join: {@code docker network inspect}. */
public record NetworkView(Network network, List<Attachment> endpoints) {

  public NetworkView {
    endpoints = List.copyOf(endpoints);
  }

  /** One endpoint of the network and its sandbox. */
  public record Attachment(Endpoint endpoint, Sandbox sandbox) {}
}
