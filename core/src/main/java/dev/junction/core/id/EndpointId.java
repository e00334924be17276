package dev.junction.core.id;

/** The ID of a endpoint. */
public record EndpointId(String value) implements ObjectId {

  public EndpointId {
    ObjectId.requireValid("endpoint", value);
  }

  /** A new random ID. */
  public static EndpointId random() {
    return new EndpointId(ObjectId.randomValue());
  }

  @Override
  public String toString() {
    return value;
  }
}
