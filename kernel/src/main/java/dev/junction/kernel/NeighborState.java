package dev.junction.kernel;

/** The state of a neighbour (ARP/NDP) entry ({@code NUD_*}). */
public enum NeighborState {
  INCOMPLETE(0x01),
  REACHABLE(0x02),
  STALE(0x04),
  DELAY(0x08),
  PROBE(0x10),
  FAILED(0x20),
  NOARP(0x40),
  PERMANENT(0x80),
  NONE(0x00);

  private final int value;

  NeighborState(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static NeighborState fromValue(int value) {
    for (NeighborState state : values()) {
      if (state.value == value) {
        return state;
      }
    }
    return NONE;
  }
}
