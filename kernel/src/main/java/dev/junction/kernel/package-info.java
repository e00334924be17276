/**
 * What the engine asks of Linux, as Java interfaces and values. {@link dev.junction.kernel.Kernel}
 * manages network namespaces and hands out a {@link dev.junction.kernel.NetStack} for each, which
 * holds the per-namespace operations on links, addresses, routes, neighbours, FDB entries, sysctls
 * and nftables. The real implementation talks netlink and libnftables; an in-memory one serves fast
 * tests. Both fail the same way, with {@link dev.junction.kernel.KernelException}.
 */
package dev.junction.kernel;
