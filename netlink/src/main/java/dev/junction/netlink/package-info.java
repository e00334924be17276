/**
 * The real kernel layer: {@link dev.junction.netlink.NetlinkKernel} implements the kernel interface
 * with rtnetlink and libnftables, called in-process through the Foreign Function and Memory API.
 * Each namespace is served by one platform thread that lives in it and owns its sockets.
 */
package dev.junction.netlink;
