package dev.junction.core.controller;

/**
 * A way in which the kernel differs from what the store records, found by {@link Controller#check}.
 *
 * @param object what differs: {@code network front}, {@code sandbox web on network front}, {@code
 *     link veth0123}
 * @param problem how, as a sentence about the object
 */
public record Difference(String object, String problem) {

  @Override
  public String toString() {
    return object + ": " + problem;
  }
}
