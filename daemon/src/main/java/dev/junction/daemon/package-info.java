/**
 * The daemon: configuration, the wiring of the real kernel, store and controller, and its life
 * (lock, PID file, signals). The API it serves is in {@code dev.junction.daemon.api}.
 */
package dev.junction.daemon;
