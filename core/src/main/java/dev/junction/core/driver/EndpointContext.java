package dev.junction.core.driver;

import dev.junction.core.model.Endpoint;
import dev.junction.kernel.NetStack;

/**
 * An endpoint as its driver sees it.
 *
 * @param sandbox the sandbox's namespace, where the endpoint's interface lives
 */
public record EndpointContext(Endpoint endpoint, NetStack sandbox) {}
