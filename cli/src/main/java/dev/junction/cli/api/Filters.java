package dev.junction.cli.api;

import dev.junction.cli.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} query parameter from {@code --filter key=value} flags, as docker sends it.
 */
public final class Filters {
  private final Map<String, Set<String>> values = new LinkedHashMap<>();

  /**
   * Parses the flags. Keys are lower-cased and both sides trimmed, as the docker CLI does.
   *
   * @throws IllegalArgumentException for a flag without {@code =}, in docker's words
   */
  public static Filters parse(List<String> flags) {
    Filters filters = new Filters();
    for (String flag : flags == null ? List.<String>of() : flags) {
      if (flag.isEmpty()) {
        continue;
      }
      int equals = flag.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            "invalid argument \""
                + flag
                + "\" for \"-f, --filter\" flag: bad format of filter"
                + " (expected name=value)");
      }
      filters.add(
          flag.substring(0, equals).strip().toLowerCase(Locale.ROOT),
          flag.substring(equals + 1).strip());
    }
    return filters;
  }

  public Filters add(String key, String value) {
    Set<String> set = values.get(key);
    if (set == null) {
      set = new LinkedHashSet<>();
      values.put(key, set);
    }
    set.add(value);
    return this;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Docker's encoding, {@code {"name":{"web":true}}}; empty when there are no filters. */
  public String toJson() {
    if (values.isEmpty()) {
      return "";
    }
    JsonObject root = new JsonObject();
    for (Map.Entry<String, Set<String>> entry : values.entrySet()) {
      JsonObject entries = root.putObject(entry.getKey());
      for (String value : entry.getValue()) {
        entries.put(value, true);
      }
    }
    return root.write();
  }
}
