package dev.junction.cli.sandbox;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Session;
import java.util.List;

/**
 * {@code junction sandbox create}: {@code POST /sandboxes/create}, connected at once to the
 * networks given; prints the new sandbox's ID.
 */
final class SandboxCreateCommand implements Action {

  static final Command COMMAND =
      Command.named(
              "create",
              "Create a sandbox: a network namespace, new or existing, with its own files")
          .positionals(Positional.one("NAME", "Name of the sandbox"))
          .options(
              Option.value(
                  "NAME", "Hostname in its hosts file (default: the short ID)", "--hostname"),
              Option.list("IP", "Set custom DNS servers", "--dns"),
              Option.list("DOMAIN", "Set custom DNS search domains", "--dns-search"),
              Option.list("OPTION", "Set DNS options", "--dns-option"),
              Option.list("HOST:IP", "Add a custom host-to-IP mapping (host:ip)", "--add-host"),
              Option.value(
                  "PATH",
                  "Use this existing network namespace (a file such as /run/netns/x)",
                  "--netns"),
              Option.integer("PID", "Use the network namespace of this process", "--pid"),
              Option.list(
                  "NETWORK[,ip=IP,alias=NAME...]", "Connect to a network; repeatable", "--network"))
          .footer(
              "",
              "--network takes a name, then optional settings: --network front,ip=10.1.0.5,alias=web",
              "(keys: name, ip, ip6, alias, mac-address, gw-priority, driver-opt, link-local-ip).")
          .action(new SandboxCreateCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    JsonValue answer = session.client().post(ApiPath.of("sandboxes", "create"), body(arguments));
    session.out().println(answer == null ? "" : answer.get("Id").asText());
    return 0;
  }

  static JsonObject body(Arguments arguments) {
    if (arguments.given("--netns") && arguments.given("--pid")) {
      throw new CliException("junction: give --netns or --pid, not both", 2);
    }
    JsonObject body = new JsonObject();
    body.put("Name", arguments.positional(0));
    String hostname = arguments.value("--hostname", "");
    if (!hostname.isEmpty()) {
      body.put("Hostname", hostname);
    }
    list(body, "Dns", arguments.values("--dns"));
    list(body, "DnsSearch", arguments.values("--dns-search"));
    list(body, "DnsOptions", arguments.values("--dns-option"));
    list(body, "ExtraHosts", arguments.values("--add-host"));
    if (arguments.given("--netns")) {
      body.put("NetnsPath", arguments.value("--netns"));
    }
    if (arguments.given("--pid")) {
      int pid = arguments.integer("--pid", 0);
      if (pid <= 0) {
        throw new CliException("junction: invalid --pid " + pid + ": a process ID is positive", 2);
      }
      body.put("Pid", pid);
    }
    List<String> networks = arguments.values("--network");
    if (!networks.isEmpty()) {
      JsonObject endpoints = body.putObject("NetworkingConfig").putObject("EndpointsConfig");
      for (String network : networks) {
        NetworkFlag flag = NetworkFlag.parse(network);
        if (endpoints.has(flag.name())) {
          throw new CliException(
              "junction: network \"" + flag.name() + "\" is given twice in --network", 2);
        }
        endpoints.put(flag.name(), flag.endpointSettings());
      }
    }
    return body;
  }

  private static void list(JsonObject body, String field, List<String> values) {
    if (!values.isEmpty()) {
      JsonArray array = body.putArray(field);
      for (String value : values) {
        array.add(value);
      }
    }
  }
}
