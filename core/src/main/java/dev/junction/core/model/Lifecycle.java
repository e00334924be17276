package dev.junction.core.model;

/**
 * Where an object is in its life. An object is written {@link #CREATING} before the kernel work
 * that builds it and {@link #ACTIVE} after; {@link #DELETING} before the work that removes it. A
 * crash leaves the intent in the store, and the next start finishes or undoes it.
 */
public enum Lifecycle {
  CREATING,
  ACTIVE,
  DELETING
}
