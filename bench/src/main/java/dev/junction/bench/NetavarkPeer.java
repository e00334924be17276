package dev.junction.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * netavark, Podman's network tool: one process per container operation, {@code setup} (connect) and
 * {@code teardown} (disconnect), with the network's definition and the container's addresses on
 * stdin. It runs in a host namespace of the benchmark's, so its bridge, sysctls and firewall rules
 * land there; the container is another such namespace. A second container stays attached for the
 * whole run, so that, as for Docker and Junction, the network's bridge exists before each connect
 * and survives each disconnect. netavark has no network objects of its own (Podman keeps them),
 * hence no network create or delete.
 */
final class NetavarkPeer {
  private NetavarkPeer() {}

  private static final String NETWORK_ID =
      "6a2f0ba1e5d04f6fb8c3a9e1d7c2b4f06a2f0ba1e5d04f6fb8c3a9e1d7c2b4f0";

  /** Where Debian (and Fedora) put it: Podman runs it from there, it is not on the PATH. */
  private static final List<Path> LOCATIONS =
      List.of(Path.of("/usr/lib/podman/netavark"), Path.of("/usr/libexec/podman/netavark"));

  static String binary() {
    return LOCATIONS.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElse("netavark");
  }

  static SystemResult measure(ApiPlan plan, Workspace workspace, Teardown teardown)
      throws Exception {
    Path base = workspace.directory("netavark");
    Path config = workspace.directory("netavark", "config");
    NamespaceFile host = NamespaceFile.create(base.resolve("host"));
    teardown.add("remove netavark's host namespace", host::remove);
    NamespaceFile container = NamespaceFile.create(base.resolve("container"));
    teardown.add("remove netavark's container namespace", container::remove);
    NamespaceFile anchor = NamespaceFile.create(base.resolve("anchor"));
    teardown.add("remove netavark's second container namespace", anchor::remove);
    teardown.add(
        "end processes left in netavark's namespaces",
        () -> {
          host.stopProcesses(5_000);
          container.stopProcesses(5_000);
          anchor.stopProcesses(5_000);
        });

    Invocation anchorSetup = invocation(host, config, "setup", anchor, "jb-anchor", "10.233.0.3");
    Invocation anchorTeardown =
        invocation(host, config, "teardown", anchor, "jb-anchor", "10.233.0.3");
    anchorSetup.run("netavark setup of the second container");
    teardown.add("netavark teardown of the second container", () -> quietly(anchorTeardown));

    Invocation setup = invocation(host, config, "setup", container, "jb-ctr", "10.233.0.2");
    Invocation teardownRun =
        invocation(host, config, "teardown", container, "jb-ctr", "10.233.0.2");
    teardown.add("netavark teardown of the measured container", () -> quietly(teardownRun));

    List<String> notes = new ArrayList<>();
    // Where its firewall rules went: set up once, look, and tear down again (unmeasured).
    setup.run("netavark setup");
    String rules = Commands.check("nsenter", "--net=" + host.path(), "--", "iptables-save");
    notes.add(
        rules.contains("NETAVARK")
            ? "netavark: iptables driver ("
                + Commands.check("iptables", "--version").strip()
                + "), its chains are in the bench's host namespace"
            : "netavark: no NETAVARK chains found in the bench's host namespace after a setup");
    teardownRun.run("netavark teardown");

    var ops = Invocation.cycles(plan, setup, teardownRun);
    String version =
        Commands.check(binary(), "--version").strip()
            + " (Debian "
            + PeerPackages.version("netavark")
            + "; bridge, DNS off, static IP as Podman passes it)";
    return new SystemResult("netavark", version, ops, notes);
  }

  private static void quietly(Invocation invocation) throws Exception {
    Commands.run(invocation.command(), invocation.stdin(), invocation.environment());
  }

  private static Invocation invocation(
      NamespaceFile host,
      Path config,
      String action,
      NamespaceFile container,
      String name,
      String address) {
    List<String> command =
        Commands.inNamespace(
            host,
            List.of(binary(), "--config", config.toString(), action, container.path().toString()));
    return new Invocation(command, options(name, address), Map.of());
  }

  /** The setup/teardown input: the container, its address on the network, the network. */
  private static String options(String name, String address) {
    String containerId =
        (HexFormat.of().formatHex(name.getBytes(StandardCharsets.US_ASCII)) + "0".repeat(64))
            .substring(0, 64);
    return """
        {"container_id":"%s","container_name":"%s",\
        "networks":{"jb-nv":{"interface_name":"eth0","static_ips":["%s"]}},\
        "network_info":{"jb-nv":{"name":"jb-nv","id":"%s","driver":"bridge",\
        "network_interface":"jbnv0","subnets":[{"subnet":"10.233.0.0/24","gateway":"10.233.0.1"}],\
        "ipv6_enabled":false,"internal":false,"dns_enabled":false,\
        "ipam_options":{"driver":"host-local"}}},\
        "port_mappings":[]}"""
        .formatted(containerId, name, address, NETWORK_ID);
  }
}
