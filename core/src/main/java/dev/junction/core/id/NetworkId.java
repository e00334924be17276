package dev.junction.core.id;

/** The ID of a network. */
public record NetworkId(String value) implements ObjectId {

  public NetworkId {
    ObjectId.requireValid("network", value);
  }

  /** A new random ID. */
  public static NetworkId random() {
    return new NetworkId(ObjectId.randomValue());
  }

  @Override
  public String toString() {
    return value;
  }
}
