/**
 * Sandboxes: the namespace's side of a connect — addresses and routes inside it, the choice of the
 * gateway endpoint, and the hosts and resolv.conf files.
 */
package dev.junction.core.sandbox;
