package dev.junction.kernel.ip;

/** The two IP address families, with the constants the kernel uses for them. */
public enum IpFamily {
  V4(2, 4),
  V6(10, 16);

  private final int addressFamily;
  private final int byteLength;

  IpFamily(int addressFamily, int byteLength) {
    this.addressFamily = addressFamily;
    this.byteLength = byteLength;
  }

  /** The kernel's {@code AF_INET} or {@code AF_INET6}. */
  public int addressFamily() {
    return addressFamily;
  }

  /** Bytes in an address of this family: 4 or 16. */
  public int byteLength() {
    return byteLength;
  }

  /** Bits in an address of this family: 32 or 128. */
  public int bitLength() {
    return byteLength * 8;
  }

  @Override
  public String toString() {
    return this == V4 ? "IPv4" : "IPv6";
  }
}
