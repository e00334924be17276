package dev.junction.kernel;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A sysctl of a network namespace: a path under {@code /proc/sys/net}. Written dotted ({@code
 * net.ipv4.ip_forward}) or, for interface names that hold dots, as a path ({@code
 * net/ipv4/conf/br-1.2/forwarding}).
 */
public record SysctlKey(List<String> components) {

  private static final Pattern COMPONENT =
      Pattern.compile("[A-Za-z0-9_@:+-][A-Za-z0-9_.@:+-]{0,63}");

  public SysctlKey {
    components = List.copyOf(components);
    if (components.size() < 2 || !components.getFirst().equals("net")) {
      throw invalid(String.join("/", components), "only net.* keys belong to a namespace");
    }
    for (String component : components) {
      if (!COMPONENT.matcher(component).matches() || component.equals("..")) {
        throw invalid(String.join("/", components), "\"" + component + "\" is not a valid part");
      }
    }
  }

  public static SysctlKey parse(String key) {
    if (key == null || key.isEmpty()) {
      throw invalid(String.valueOf(key), "it is empty");
    }
    String separator = key.indexOf('/') >= 0 ? "/" : "\\.";
    return new SysctlKey(List.of(key.split(separator, -1)));
  }

  private static IllegalArgumentException invalid(String key, String why) {
    return new IllegalArgumentException("invalid sysctl key \"" + key + "\": " + why);
  }

  /** The path relative to {@code /proc/sys}. */
  public String path() {
    return String.join("/", components);
  }

  @Override
  public String toString() {
    return components.stream().anyMatch(c -> c.indexOf('.') >= 0)
        ? path()
        : String.join(".", components);
  }
}
