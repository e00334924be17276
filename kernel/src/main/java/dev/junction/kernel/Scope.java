package dev.junction.kernel;

/** How far an address or route reaches ({@code RT_SCOPE_*}). */
public enum Scope {
  UNIVERSE(0),
  SITE(200),
  LINK(253),
  HOST(254),
  NOWHERE(255);

  private final int value;

  Scope(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Scope fromValue(int value) {
    for (Scope scope : values()) {
      if (scope.value == value) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope " + value);
  }
}
