/**
 * Network interfaces as values: what the kernel reports ({@link dev.junction.kernel.link.Link}) and
 * what the engine asks it to create ({@link dev.junction.kernel.link.LinkSpec}).
 */
package dev.junction.kernel.link;
