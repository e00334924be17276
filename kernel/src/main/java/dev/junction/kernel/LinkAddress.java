package dev.junction.kernel;

import dev.junction.kernel.ip.InterfaceAddress;

/**
 * An address configured on a link, as {@code ip addr show} lists it.
 *
 * @param linkIndex the index of the link that holds it
 * @param address the address and its prefix length
 * @param scope {@link Scope#UNIVERSE} for ordinary addresses, {@link Scope#LINK} for IPv6
 *     link-local ones, {@link Scope#HOST} for loopback
 */
public record LinkAddress(int linkIndex, InterfaceAddress address, Scope scope) {}
