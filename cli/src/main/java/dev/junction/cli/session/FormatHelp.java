package dev.junction.cli.session;

import java.util.List;

/** The help text of {@code --format}, as docker words it. */
public final class FormatHelp {
  private FormatHelp() {}

  /** For list commands. */
  public static final List<String> LIST =
      List.of(
          "Format output using a custom template:",
          "'table'           a table with column headers (default)",
          "'table TEMPLATE'  a table of the given Go template",
          "'json'            one JSON object per line",
          "'TEMPLATE'        the given Go template, once per line");

  /** For inspect, info, version and events. */
  public static final List<String> INSPECT =
      List.of(
          "Format output using a custom template:",
          "'json'            JSON",
          "'TEMPLATE'        the given Go template");
}
