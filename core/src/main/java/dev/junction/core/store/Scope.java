package dev.junction.core.store;

/** Who shares a store's data. */
public enum Scope {
  /** One host: bridge and macvlan networks, sandboxes, every endpoint's local state. */
  LOCAL,
  /** Every host of a cluster: overlay networks, their IPAM and VNIs. */
  GLOBAL
}
