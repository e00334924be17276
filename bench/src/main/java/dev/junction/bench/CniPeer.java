package dev.junction.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CNI reference {@code bridge} plugin with {@code host-local} IPAM, run as a container runtime
 * runs it: one process per ADD (connect) and DEL (disconnect), the network's configuration on
 * stdin, the container in {@code CNI_*} variables. It runs in a host namespace of the benchmark's;
 * host-local keeps its leases in the workspace, not {@code /var/lib/cni}. The bridge is made by the
 * first ADD and, as the plugin does, never deleted, so every measured ADD finds it. CNI has no
 * network objects (the runtime keeps the configuration), hence no network create or delete.
 */
final class CniPeer {
  private CniPeer() {}

  static final Path PLUGINS = Path.of("/usr/lib/cni");

  static SystemResult measure(ApiPlan plan, Workspace workspace, Teardown teardown)
      throws Exception {
    Path base = workspace.directory("cni");
    Path leases = workspace.directory("cni", "ipam");
    NamespaceFile host = NamespaceFile.create(base.resolve("host"));
    teardown.add("remove CNI's host namespace", host::remove);
    NamespaceFile container = NamespaceFile.create(base.resolve("container"));
    teardown.add("remove CNI's container namespace", container::remove);
    teardown.add(
        "end processes left in CNI's namespaces",
        () -> {
          host.stopProcesses(5_000);
          container.stopProcesses(5_000);
        });

    String configuration =
        """
        {"cniVersion":"1.0.0","name":"jb-cni","type":"bridge","bridge":"jbcni0",\
        "isGateway":true,"ipMasq":true,\
        "ipam":{"type":"host-local","subnet":"10.234.0.0/24","dataDir":"%s"}}"""
            .formatted(leases);
    Invocation add = plugin(host, container, "ADD", configuration);
    Invocation del = plugin(host, container, "DEL", configuration);
    teardown.add(
        "CNI DEL of the container",
        () -> Commands.run(del.command(), del.stdin(), del.environment()));

    List<String> notes = new ArrayList<>();
    add.run("CNI ADD");
    String rules = Commands.check("nsenter", "--net=" + host.path(), "--", "iptables-save");
    notes.add(
        rules.contains("CNI-")
            ? "cni: ipMasq rules through iptables ("
                + Commands.check("iptables", "--version").strip()
                + ") are in the bench's host namespace"
            : "cni: no CNI- chains found in the bench's host namespace after an ADD");
    del.run("CNI DEL");

    var ops = Invocation.cycles(plan, add, del);
    String version =
        "cni plugins "
            + PeerPackages.version("containernetworking-plugins")
            + " (bridge + host-local, ipMasq, spec 1.0.0)";
    return new SystemResult("cni", version, ops, notes);
  }

  static boolean installed() {
    return Files.isExecutable(PLUGINS.resolve("bridge"))
        && Files.isExecutable(PLUGINS.resolve("host-local"));
  }

  private static Invocation plugin(
      NamespaceFile host, NamespaceFile container, String command, String configuration) {
    return new Invocation(
        Commands.inNamespace(host, List.of(PLUGINS.resolve("bridge").toString())),
        configuration,
        Map.of(
            "CNI_COMMAND",
            command,
            "CNI_CONTAINERID",
            "jb-cni-container",
            "CNI_NETNS",
            container.path().toString(),
            "CNI_IFNAME",
            "eth0",
            "CNI_PATH",
            PLUGINS.toString()));
  }
}
