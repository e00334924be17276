package dev.junction.core.sandbox;

import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;

/** An endpoint of a sandbox with what election needs: its network. */
public record JoinedEndpoint(Endpoint endpoint, Network network) {}
