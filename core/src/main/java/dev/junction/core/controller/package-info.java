/**
 * The controller: the only entry point for changes to networks, sandboxes and the endpoints that
 * join them. Every operation validates all its input first, then does its steps with an undo log,
 * so that it either completes or leaves store, IPAM and kernel as they were.
 */
package dev.junction.core.controller;
