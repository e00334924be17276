package dev.junction.core.event;

import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import java.time.Instant;
import java.util.List;

/** A completed change, reported after its store transaction committed. */
public sealed interface CoreEvent {

  Instant time();

  record NetworkCreated(Network network, Instant time) implements CoreEvent {}

  record NetworkDestroyed(Network network, Instant time) implements CoreEvent {}

  record NetworksPruned(List<Network> networks, Instant time) implements CoreEvent {
    public NetworksPruned {
      networks = List.copyOf(networks);
    }
  }

  record Connected(Network network, Sandbox sandbox, Endpoint endpoint, Instant time)
      implements CoreEvent {}

  record Disconnected(Network network, Sandbox sandbox, Endpoint endpoint, Instant time)
      implements CoreEvent {}

  record SandboxCreated(Sandbox sandbox, Instant time) implements CoreEvent {}

  record SandboxDestroyed(Sandbox sandbox, Instant time) implements CoreEvent {}
}
