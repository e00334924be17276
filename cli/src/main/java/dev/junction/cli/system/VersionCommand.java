package dev.junction.cli.system;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.DaemonClient;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.format.TabWriter;
import dev.junction.cli.format.Template;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.ClientVersion;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Session;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code junction system version}: the client's version and the daemon's ({@code GET /version}),
 * laid out as {@code docker version}.
 */
final class VersionCommand implements Action {

  static final Command COMMAND =
      Command.named("version", "Show the Junction version information")
          .options(Option.value("FORMAT", FormatHelp.INSPECT, "-f", "--format"))
          .action(new VersionCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    JsonObject client = clientVersion(session.client().address().toString());
    String format = arguments.value("--format", "");
    if (!format.isEmpty()) {
      Template template;
      try {
        template = Template.parse(format.equals("json") ? "{{json .}}" : format);
      } catch (TemplateException e) {
        throw new CliException("template parsing error: " + e.getMessage(), 64);
      }
      JsonObject document = new JsonObject();
      document.put("Client", client);
      document.put("Server", session.client().get(ApiPath.of("version")));
      session.out().println(template.execute(document, GoShape.SYSTEM, false));
      return 0;
    }
    // The client's part first, also when the daemon does not answer: then, as docker, nothing
    // after it on standard output (no empty line), and the error on standard error.
    session.out().print(TabWriter.versions().format(clientText(client)));
    session.out().flush();
    JsonValue server = session.client().get(ApiPath.of("version"));
    session.out().print(TabWriter.versions().format(serverText(server)));
    return 0;
  }

  static JsonObject clientVersion(String host) {
    JsonObject client = new JsonObject();
    client.put("Version", ClientVersion.VERSION);
    client.put("ApiVersion", DaemonClient.API_VERSION);
    client.put("JavaVersion", Runtime.version().toString());
    client.put("Os", "linux");
    client.put("Arch", System.getProperty("os.arch"));
    client.put("Host", host);
    return client;
  }

  static String clientText(JsonValue client) {
    return "Client:\n"
        + (" Version:\t" + client.get("Version").asText() + "\n")
        + (" API version:\t" + client.get("ApiVersion").asText() + "\n")
        + (" Java version:\t" + client.get("JavaVersion").asText() + "\n")
        + (" OS/Arch:\t" + client.get("Os").asText() + "/" + client.get("Arch").asText() + "\n")
        + (" Host:\t" + client.get("Host").asText() + "\n");
  }

  /** Docker's Server section: the Engine's details, then any other component's, sorted. */
  static String serverText(JsonValue server) {
    StringBuilder text = new StringBuilder("\nServer:");
    String platform = server.get("Platform").get("Name").asText();
    if (!platform.isEmpty()) {
      text.append(' ').append(platform);
    }
    text.append('\n');
    for (JsonValue component : server.get("Components").elements()) {
      JsonValue details = component.get("Details");
      String name = component.get("Name").asText();
      text.append(' ').append(name).append(":\n");
      text.append("  Version:\t").append(component.get("Version").asText()).append('\n');
      if (name.equals("Engine")) {
        text.append("  API version:\t")
            .append(details.get("ApiVersion").asText())
            .append(" (minimum version ")
            .append(details.get("MinAPIVersion").asText())
            .append(")\n");
        text.append("  Java version:\t").append(details.get("JavaVersion").asText()).append('\n');
        text.append("  OS/Arch:\t")
            .append(details.get("Os").asText())
            .append('/')
            .append(details.get("Arch").asText())
            .append('\n');
        text.append("  Kernel version:\t")
            .append(details.get("KernelVersion").asText())
            .append('\n');
      } else {
        Map<String, JsonValue> sorted = new TreeMap<>(details.fields());
        for (Map.Entry<String, JsonValue> detail : sorted.entrySet()) {
          text.append("  ")
              .append(detail.getKey())
              .append(":\t")
              .append(detail.getValue().asText())
              .append('\n');
        }
      }
    }
    return text.toString();
  }
}
