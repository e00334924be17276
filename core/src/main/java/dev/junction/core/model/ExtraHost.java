package dev.junction.core.model;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import java.util.regex.Pattern;

/** A line for the sandbox's hosts file: {@code --add-host db:10.0.0.5}. */
public record ExtraHost(String hostname, IpAddress address) {

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  public ExtraHost {
    requireHostname("extra host", hostname);
  }

  /** Parses {@code NAME:ADDRESS} (Docker's form; IPv6 addresses keep their colons). */
  public static ExtraHost parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidParameterException(
          "invalid extra host \"" + text + "\": expected NAME:ADDRESS");
    }
    String address = text.substring(colon + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    try {
      return new ExtraHost(text.substring(0, colon), IpAddress.parse(address));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "invalid extra host \"" + text + "\": " + e.getMessage(), e);
    }
  }

  /** Checks a host name (RFC 1123 labels); the error names {@code what}. */
  public static String requireHostname(String what, String hostname) {
    if (hostname == null || hostname.length() > 253 || !HOSTNAME.matcher(hostname).matches()) {
      throw new InvalidParameterException("invalid " + what + " name \"" + hostname + "\"");
    }
    return hostname;
  }

  @Override
  public String toString() {
    return hostname + ":" + address;
  }
}
