package dev.junction.cli.system;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.format.Template;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.ClientVersion;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Session;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** {@code junction system info}: {@code GET /info}, laid out as {@code docker info}. */
final class InfoCommand implements Action {

  static final Command COMMAND =
      Command.named("info", "Display system-wide information")
          .options(Option.value("FORMAT", FormatHelp.INSPECT, "-f", "--format"))
          .action(new InfoCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    String format = arguments.value("--format", "");
    Template template = null;
    if (!format.isEmpty()) {
      try {
        template = Template.parse(format.equals("json") ? "{{json .}}" : format);
      } catch (TemplateException e) {
        throw new CliException("template parsing error: " + e.getMessage(), 64);
      }
    }
    JsonValue info = session.client().get(ApiPath.of("info"));
    if (template != null) {
      session.out().println(template.execute(info, GoShape.SYSTEM, false));
      return 0;
    }
    session.out().print(text(info, session.client().address().toString()));
    return 0;
  }

  /** Docker's layout: a Client section, then the Server section with the fields the API gives. */
  static String text(JsonValue info, String host) {
    StringBuilder out = new StringBuilder();
    out.append("Client:\n");
    out.append(" Version:    ").append(ClientVersion.VERSION).append('\n');
    out.append(" Host:       ").append(host).append('\n');
    out.append('\n');
    out.append("Server:\n");
    line(out, " Server Version:", info.get("ServerVersion").asText(""));
    out.append(" Networks: ").append(info.get("Networks").asText("0")).append('\n');
    out.append(" Sandboxes: ").append(info.get("Sandboxes").asText("0")).append('\n');
    out.append(" Plugins:\n");
    out.append("  Network: ").append(join(info.get("Plugins").get("Network"))).append('\n');
    out.append(" Swarm: ").append(info.get("Swarm").get("LocalNodeState").asText("inactive"));
    out.append('\n');
    line(out, " Kernel Version:", info.get("KernelVersion").asText(""));
    line(out, " Operating System:", info.get("OperatingSystem").asText(""));
    line(out, " OSType:", info.get("OSType").asText(""));
    line(out, " Architecture:", info.get("Architecture").asText(""));
    out.append(" CPUs: ").append(info.get("NCPU").asText("0")).append('\n');
    out.append(" Total Memory: ").append(bytes(info.get("MemTotal").asLong(0))).append('\n');
    line(out, " Name:", info.get("Name").asText(""));
    line(out, " ID:", info.get("ID").asText(""));
    out.append(" Data Root Dir: ").append(info.get("DockerRootDir").asText("")).append('\n');
    line(out, " Exec Root Dir:", info.get("ExecRoot").asText(""));
    JsonValue labels = info.get("Labels");
    if (!labels.elements().isEmpty()) {
      out.append(" Labels:\n");
      for (JsonValue label : labels.elements()) {
        out.append("  ").append(label.asText()).append('\n');
      }
    }
    out.append(" Experimental: ").append(info.get("ExperimentalBuild").asBoolean(false));
    out.append('\n');
    out.append('\n');
    return out.toString();
  }

  /** A line, or nothing when the value is empty (docker's fprintlnNonEmpty). */
  private static void line(StringBuilder out, String label, String value) {
    if (!value.isEmpty()) {
      out.append(label).append(' ').append(value).append('\n');
    }
  }

  private static String join(JsonValue list) {
    List<String> items = new ArrayList<>();
    for (JsonValue item : list.elements()) {
      items.add(item.asText());
    }
    return String.join(" ", items);
  }

  /** Docker's units.BytesSize: binary units, four significant digits ({@code 7.769GiB}). */
  static String bytes(long size) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = size;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
    return rounded.toPlainString() + units[unit];
  }
}
