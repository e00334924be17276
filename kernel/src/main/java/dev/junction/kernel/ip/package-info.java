/**
 * Addresses as values: IPv4 and IPv6 addresses, prefixes (subnets), addresses with a prefix length
 * as they sit on an interface, and MAC addresses. All parse strictly, print in canonical form and
 * compare by value.
 */
package dev.junction.kernel.ip;
