/**
 * Docker's Engine API for networks, and Junction's for sandboxes, over HTTP on a unix socket:
 * routing, versioned paths, JSON shapes, and the mapping of the engine's errors to statuses.
 */
package dev.junction.daemon.api;
