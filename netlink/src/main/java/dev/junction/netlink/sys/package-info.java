/**
 * The only code that calls native functions: libc (sockets, namespaces, mounts, files) and
 * libnftables, through the Foreign Function and Memory API, with errno captured on every call.
 */
package dev.junction.netlink.sys;
