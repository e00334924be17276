package dev.junction.kernel.ip;

/**
 * An address as it is configured on an interface: the address itself and the length of the prefix
 * it belongs to, such as {@code 10.1.0.5/24}. Unlike {@link IpPrefix}, host bits are the point.
 */
public record InterfaceAddress(IpAddress address, int prefixLength) {

  public InterfaceAddress {
    IpPrefix.checkLength(address.family(), prefixLength);
  }

  /** Parses {@code ADDRESS/LENGTH}; the length is required. */
  public static InterfaceAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("invalid interface address: null");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "invalid interface address \"" + text + "\": a prefix length (/N) is required");
    }
    IpAddress address = IpPrefix.parseAddress(text.substring(0, slash), text);
    return new InterfaceAddress(
        address, IpPrefix.parseLength(text.substring(slash + 1), address.family(), text));
  }

  public IpFamily family() {
    return address.family();
  }

  /** The prefix the address belongs to: {@code 10.1.0.0/24} for {@code 10.1.0.5/24}. */
  public IpPrefix subnet() {
    return IpPrefix.containing(address, prefixLength);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
