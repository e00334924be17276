package dev.junction.bench;

import java.util.List;
import java.util.Map;

/**
 * What {@code bench/run api} measured of one system.
 *
 * @param system {@code junction}, {@code docker}, {@code netavark} or {@code cni}
 * @param version what was measured, for the header: versions and the settings that matter
 * @param ops samples per operation ({@code connect}, {@code disconnect}, {@code network_create},
 *     {@code network_delete}), only those that apply to the system
 * @param notes what the run observed along the way (firewall driver, left-overs it cleaned up)
 */
record SystemResult(String system, String version, Map<String, Samples> ops, List<String> notes) {

  SystemResult {
    ops = Map.copyOf(ops);
    notes = List.copyOf(notes);
  }
}
