/**
 * IP address management: the subnets of one address space and the addresses allocated in each.
 *
 * <p>State lives in memory only. The engine persists networks and endpoints with their subnets,
 * gateways, aux addresses and endpoint addresses, and rebuilds IPAM at every start by replaying
 * them: {@link dev.junction.core.ipam.AddressSpace#reserveSubnet} with the stored subnet and
 * options, then {@link dev.junction.core.ipam.Subnet#allocate(dev.junction.kernel.ip.IpAddress,
 * String)} for each stored address. That is why every allocation has a "reserve exactly this" twin.
 *
 * <p>Allocated addresses are kept as sorted runs of ordinals, so that a /8 or an IPv6 /64 costs
 * memory in proportion to its allocations, not to its size.
 */
package dev.junction.core.ipam;
