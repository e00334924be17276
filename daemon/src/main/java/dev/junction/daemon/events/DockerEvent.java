package dev.junction.daemon.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event in Docker's format: {@code {"Type":"network","Action":"connect","Actor":{"ID":...,
 * "Attributes":{...}},"scope":"local","time":...,"timeNano":...}}.
 *
 * @param type {@code network}, or {@code sandbox} for Junction's own resource
 */
record DockerEvent(
    String type, String action, String actorId, Map<String, String> attributes, Instant time) {

  DockerEvent {
    attributes = Map.copyOf(attributes);
  }

  Map<String, Object> shape() {
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("ID", actorId);
    actor.put("Attributes", new TreeMap<>(attributes));
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Type", type);
    shape.put("Action", action);
    shape.put("Actor", actor);
    shape.put("scope", "local");
    shape.put("time", time.getEpochSecond());
    shape.put("timeNano", time.getEpochSecond() * 1_000_000_000L + time.getNano());
    return shape;
  }
}
