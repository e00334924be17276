package dev.junction.cli.format;

import java.util.Map;
import java.util.Set;

/**
 * Which JSON objects of a document are Go maps rather than structs, by the name of the field that
 * holds them. The docker CLI runs templates on Go values, and the two print differently: a map's
 * keys are sorted (in {@code json} too) and it prints as {@code map[k:v]}; a struct keeps its field
 * order and prints as {@code {v1 v2}}; a missing key of a map is {@code <no value>}, of a struct an
 * error. A struct's field also answers to its Go name where the Go type names it otherwise than its
 * JSON key: docker's templates see {@code events.Message.TimeNano}, whose JSON key is {@code
 * timeNano}.
 *
 * @param mapFields fields whose object value is a map; objects in arrays and values of maps are
 *     structs
 * @param jsonKeys Go field names to the JSON keys they go by, where the two differ
 */
public record GoShape(Set<String> mapFields, Map<String, String> jsonKeys) {

  public GoShape {
    mapFields = Set.copyOf(mapFields);
    jsonKeys = Map.copyOf(jsonKeys);
  }

  public GoShape(Set<String> mapFields) {
    this(mapFields, Map.of());
  }

  /** Every object a struct: list rows, whose fields docker's formatters define as methods. */
  public static final GoShape STRUCTS = new GoShape(Set.of());

  /** {@code GET /networks/{id}}: network.Inspect. */
  public static final GoShape NETWORK =
      new GoShape(
          Set.of("Containers", "Options", "Labels", "AuxiliaryAddresses", "Services"),
          Map.of("ID", "Id"));

  /** {@code GET /sandboxes/{id}}. */
  public static final GoShape SANDBOX = new GoShape(Set.of("Networks", "DriverOpts"));

  /** {@code GET /events}: events.Message. */
  public static final GoShape EVENT =
      new GoShape(
          Set.of("Attributes"), Map.of("Scope", "scope", "Time", "time", "TimeNano", "timeNano"));

  /** {@code GET /version} (types.Version, and the CLI's own part), {@code GET /info}. */
  public static final GoShape SYSTEM =
      new GoShape(Set.of("Details", "Labels"), Map.of("APIVersion", "ApiVersion"));

  boolean isMap(String field) {
    return mapFields.contains(field);
  }

  /** The JSON key of a struct's field named by its Go name; a name without one as it is. */
  String jsonKey(String field) {
    return jsonKeys.getOrDefault(field, field);
  }
}
