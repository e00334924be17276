package dev.junction.core.driver;

import dev.junction.core.model.Network;
import dev.junction.kernel.NetStack;

/**
 * A network as its driver sees it.
 *
 * @param host the namespace the engine's networks live in (bridges, the host ends of veths)
 */
public record NetworkContext(Network network, NetStack host) {}
