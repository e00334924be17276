/**
 * rtnetlink messages for links, addresses, routes, neighbours and bridge FDB entries: requests
 * built from kernel-layer values and replies parsed back into them. Pure code, tested against byte
 * arrays taken from the kernel.
 */
package dev.junction.netlink.rtnl;
