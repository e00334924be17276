package dev.junction.core.driver.bridge;

import dev.junction.core.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The bridge driver's options, with Docker's names and rules. */
public final class BridgeOptions {
  private BridgeOptions() {}

  /** {@code -o com.docker.network.bridge.name=br1}: the bridge's interface name. */
  public static final String BRIDGE_NAME = "com.docker.network.bridge.name";

  /** {@code -o com.docker.network.driver.mtu=1400}: MTU of the bridge and every veth. */
  public static final String MTU = "com.docker.network.driver.mtu";

  /** {@code -o com.docker.network.container_iface_prefix=net}: names endpoints net0, net1... */
  public static final String INTERFACE_PREFIX = "com.docker.network.container_iface_prefix";

  static final Set<String> KNOWN = Set.of(BRIDGE_NAME, MTU, INTERFACE_PREFIX);

  static final int DEFAULT_MTU = 1500;

  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,9}");

  /** Validates options; the result is what is stored. */
  static Map<String, String> validate(String network, Map<String, String> options) {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      throw new InvalidParameterException(
          "network \""
              + network
              + "\": unknown bridge driver option"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().map(k -> "\"" + k + "\"").toList()));
    }
    Map<String, String> valid = new TreeMap<>(options);
    String name = options.get(BRIDGE_NAME);
    if (name != null && !isInterfaceName(name)) {
      throw new InvalidParameterException(
          "network \""
              + network
              + "\": bridge name \""
              + name
              + "\" is not a valid interface name (1 to 15 letters, digits, '_', '.' or '-')");
    }
    String mtu = options.get(MTU);
    if (mtu != null) {
      int value;
      try {
        value = Integer.parseInt(mtu);
      } catch (NumberFormatException e) {
        throw new InvalidParameterException(
            "network \"" + network + "\": mtu \"" + mtu + "\" is not a number");
      }
      if (value < 68 || value > 65535) {
        throw new InvalidParameterException(
            "network \"" + network + "\": mtu " + value + " is outside 68..65535");
      }
      valid.put(MTU, String.valueOf(value));
    }
    String prefix = options.get(INTERFACE_PREFIX);
    if (prefix != null && !PREFIX.matcher(prefix).matches()) {
      throw new InvalidParameterException(
          "network \""
              + network
              + "\": container interface prefix \""
              + prefix
              + "\" must be 1 to 10 letters, digits, '_' or '-', starting with a letter");
    }
    return valid;
  }

  static boolean isInterfaceName(String name) {
    return INTERFACE_NAME.matcher(name).matches()
        && name.getBytes(StandardCharsets.UTF_8).length <= 15
        && !name.equals(".")
        && !name.equals("..");
  }

  static int mtu(Map<String, String> options) {
    String mtu = options.get(MTU);
    return mtu == null ? DEFAULT_MTU : Integer.parseInt(mtu);
  }
}
