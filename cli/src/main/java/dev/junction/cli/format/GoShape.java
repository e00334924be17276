package dev.junction.cli.format;

import java.util.Set;

/**
 * Which JSON objects of a document are Go maps rather than structs, by the name of the field that
 * holds them. The docker CLI runs templates on Go values, and the two print differently: a map's
 * keys are sorted (in {@code json} too) and it prints as {@code map[k:v]}; a struct keeps its field
 * order and prints as {@code {v1 v2}}; a missing key of a map is {@code <no value>}, of a struct an
 * error.
 *
 * @param mapFields fields whose object value is a map; objects in arrays and values of maps are
 *     structs
 */
public record GoShape(Set<String> mapFields) {

  public GoShape {
    mapFields = Set.copyOf(mapFields);
  }

  /** Every object a struct: list rows, whose fields docker's formatters define as methods. */
  public static final GoShape STRUCTS = new GoShape(Set.of());

  /** {@code GET /networks/{id}}: network.Inspect. */
  public static final GoShape NETWORK =
      new GoShape(Set.of("Containers", "Options", "Labels", "AuxiliaryAddresses", "Services"));

  /** {@code GET /sandboxes/{id}}. */
  public static final GoShape SANDBOX = new GoShape(Set.of("Networks", "DriverOpts"));

  /** {@code GET /events}: events.Message. */
  public static final GoShape EVENT = new GoShape(Set.of("Attributes"));

  /** {@code GET /version}, {@code GET /info}. */
  public static final GoShape SYSTEM = new GoShape(Set.of("Details", "Labels"));

  boolean isMap(String field) {
    return mapFields.contains(field);
  }
}
