package dev.junction.cli.system;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.DaemonClient;
import dev.junction.cli.api.Filters;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.format.GoTime;
import dev.junction.cli.format.Template;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Session;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code junction system events}: {@code GET /events}, one line per event as it happens, until the
 * daemon ends the stream ({@code --until}) or the command is interrupted.
 */
final class EventsCommand implements Action {

  static final Command COMMAND =
      Command.named("events", "Get real time events from the server")
          .options(
              Option.value("TIME", "Show all events created since timestamp", "--since"),
              Option.value("TIME", "Stream events until this timestamp", "--until"),
              Option.list(
                  "KEY=VALUE", "Filter output based on conditions provided", "-f", "--filter"),
              Option.value("FORMAT", FormatHelp.INSPECT, "--format"))
          .footer(
              "",
              "Times: a duration before now (10m, 1h30m), an RFC 3339 time or date, or Unix seconds.",
              "Filters: type (network, sandbox), event (create, connect, ...), network, sandbox,",
              "container (a sandbox), scope.")
          .action(new EventsCommand());

  /** An events.Message with every field at its zero value: formats are tried on it first. */
  private static final JsonValue EMPTY_EVENT = emptyEvent();

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    String format = arguments.value("--format", "");
    Template template = null;
    if (!format.isEmpty()) {
      try {
        template = Template.parse(format.equals("json") ? "{{json .}}" : format);
        template.execute(EMPTY_EVENT, GoShape.EVENT, false); // as docker: bad fields fail now
      } catch (TemplateException e) {
        throw new CliException("Error parsing format: " + e.getMessage(), 64);
      }
    }
    Filters filters;
    try {
      filters = Filters.parse(arguments.values("--filter"));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 2);
    }
    ZoneId zone = ZoneId.systemDefault();
    ApiPath path =
        ApiPath.of("events")
            .query("since", timestamp(arguments.value("--since", ""), session, zone))
            .query("until", timestamp(arguments.value("--until", ""), session, zone))
            .query("filters", filters.toJson());
    session.client().stream(path, new Printer(session.out(), template, zone));
    return 0;
  }

  private static String timestamp(String value, Session session, ZoneId zone) {
    if (value.isEmpty()) {
      return "";
    }
    try {
      return GoTime.timestamp(value, session.clock().instant(), zone);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** Prints each event as it comes, and flushes: a stream is read as it happens. */
  private record Printer(PrintStream out, Template template, ZoneId zone)
      implements DaemonClient.LineHandler {
    @Override
    public boolean accept(JsonValue event) {
      if (template == null) {
        out.print(line(event, zone));
      } else {
        try {
          out.println(template.execute(event, GoShape.EVENT, false));
        } catch (TemplateException e) {
          throw new CliException(e.getMessage());
        }
      }
      out.flush();
      return true;
    }
  }

  /**
   * Docker's line: {@code 2026-11-28T03:10:36.227573610Z network connect ID (container=...,
   * name=net1, type=bridge)}.
   */
  static String line(JsonValue event, ZoneId zone) {
    StringBuilder line = new StringBuilder();
    long nanos = event.get("timeNano").asLong(0);
    long seconds = event.get("time").asLong(0);
    if (nanos != 0) {
      line.append(GoTime.fixed(nanos, zone)).append(' ');
    } else if (seconds != 0) {
      line.append(GoTime.fixed(seconds * 1_000_000_000L, zone)).append(' ');
    }
    JsonValue actor = event.get("Actor");
    line.append(event.get("Type").asText())
        .append(' ')
        .append(event.get("Action").asText())
        .append(' ')
        .append(actor.get("ID").asText());
    Map<String, JsonValue> attributes = new TreeMap<>(actor.get("Attributes").fields());
    if (!attributes.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, JsonValue> attribute : attributes.entrySet()) {
        pairs.add(attribute.getKey() + "=" + attribute.getValue().asText());
      }
      line.append(" (").append(String.join(", ", pairs)).append(')');
    }
    return line.append('\n').toString();
  }

  private static JsonValue emptyEvent() {
    JsonObject event = new JsonObject();
    event.put("Type", "");
    event.put("Action", "");
    JsonObject actor = event.putObject("Actor");
    actor.put("ID", "");
    actor.putObject("Attributes");
    event.put("scope", "");
    event.put("time", 0);
    event.put("timeNano", 0);
    return event;
  }
}
