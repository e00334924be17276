/**
 * The objects of the Container Network Model as stored values: networks, endpoints, sandboxes.
 * Records, immutable; the controller writes new versions of them in store transactions.
 */
package dev.junction.core.model;
