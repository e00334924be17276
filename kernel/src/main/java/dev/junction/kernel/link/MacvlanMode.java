package dev.junction.kernel.link;

/** How macvlan devices on one parent may talk to each other ({@code MACVLAN_MODE_*}). */
public enum MacvlanMode {
  PRIVATE(1),
  VEPA(2),
  BRIDGE(4),
  PASSTHRU(8),
  SOURCE(16);

  private final int value;

  MacvlanMode(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static MacvlanMode fromValue(int value) {
    for (MacvlanMode mode : values()) {
      if (mode.value == value) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown macvlan mode " + value);
  }
}
