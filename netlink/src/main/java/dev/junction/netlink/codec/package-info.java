/**
 * The netlink wire format as pure code: message headers, attributes, nesting, alignment, error and
 * done messages. Nothing here talks to the kernel, so it is tested against fixed byte arrays.
 */
package dev.junction.netlink.codec;
