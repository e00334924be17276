package dev.junction.cli.sandbox;

import dev.junction.cli.json.JsonObject;
import dev.junction.cli.network.EndpointSettings;
import dev.junction.cli.session.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --network} of {@code sandbox create}: {@code NAME} or {@code NAME,key=value,...} or,
 * as docker's advanced syntax, {@code name=NAME,key=value,...}. Keys may repeat where a list is
 * meant ({@code alias}, {@code link-local-ip}, {@code driver-opt}).
 */
record NetworkFlag(String name, JsonObject endpointSettings) {

  static NetworkFlag parse(String text) {
    String name = null;
    String ip = null;
    String ip6 = null;
    String mac = null;
    Integer priority = null;
    List<String> aliases = new ArrayList<>();
    List<String> linkLocal = new ArrayList<>();
    Map<String, String> driverOptions = new LinkedHashMap<>();
    String[] parts = text.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int equals = part.indexOf('=');
      if (equals < 0) {
        if (i == 0 && !part.isEmpty()) {
          name = part;
          continue;
        }
        throw invalid(text, "\"" + part + "\" is not KEY=VALUE");
      }
      String key = part.substring(0, equals);
      String value = part.substring(equals + 1);
      switch (key) {
        case "name" -> name = value;
        case "ip" -> ip = value;
        case "ip6" -> ip6 = value;
        case "alias" -> aliases.add(value);
        case "link-local-ip" -> linkLocal.add(value);
        case "mac-address" -> mac = value;
        case "gw-priority" -> {
          try {
            priority = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw invalid(text, "gw-priority \"" + value + "\" is not a number");
          }
        }
        case "driver-opt" -> {
          int inner = value.indexOf('=');
          if (inner <= 0) {
            throw invalid(text, "driver-opt \"" + value + "\" is not KEY=VALUE");
          }
          driverOptions.put(value.substring(0, inner), value.substring(inner + 1));
        }
        default ->
            throw invalid(
                text,
                "unknown key \""
                    + key
                    + "\"; known: name, ip, ip6, alias, mac-address, gw-priority, driver-opt,"
                    + " link-local-ip");
      }
    }
    if (name == null || name.isEmpty()) {
      throw invalid(text, "no network name");
    }
    JsonObject options = new JsonObject();
    driverOptions.forEach(options::put);
    JsonObject settings =
        EndpointSettings.of(
            ip == null ? "" : ip,
            ip6 == null ? "" : ip6,
            linkLocal,
            aliases,
            options,
            priority == null ? 0 : priority,
            mac == null ? "" : mac);
    return new NetworkFlag(name, settings);
  }

  private static CliException invalid(String text, String why) {
    return new CliException("junction: invalid --network \"" + text + "\": " + why, 2);
  }
}
