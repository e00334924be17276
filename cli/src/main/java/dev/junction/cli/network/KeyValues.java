package dev.junction.cli.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} flags into maps, split at the first {@code =} as docker's options do. */
public final class KeyValues {
  private KeyValues() {}

  /** {@code k=v} to k:v, and {@code k} alone to k:"" (docker's labels and options). */
  public static Map<String, String> map(List<String> flags) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String flag : flags == null ? List.<String>of() : flags) {
      int equals = flag.indexOf('=');
      if (equals < 0) {
        map.put(flag, "");
      } else {
        map.put(flag.substring(0, equals), flag.substring(equals + 1));
      }
    }
    return map;
  }
}
