package dev.junction.core.id;

/** The ID of a sandbox. */
public record SandboxId(String value) implements ObjectId {

  public SandboxId {
    ObjectId.requireValid("sandbox", value);
  }

  /** A new random ID. */
  public static SandboxId random() {
    return new SandboxId(ObjectId.randomValue());
  }

  @Override
  public String toString() {
    return value;
  }
}
