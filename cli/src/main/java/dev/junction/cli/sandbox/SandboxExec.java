package dev.junction.cli.sandbox;

import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command runs in a sandbox, with util-linux: {@code nsenter} into the network namespace,
 * then {@code unshare} of a mount and a UTS namespace in which the sandbox's hosts file and
 * resolv.conf are bind-mounted over {@code /etc}'s, the hostname set and {@code /sys} mounted
 * afresh (so that {@code /sys/class/net} shows the sandbox's interfaces, as under {@code ip netns
 * exec}). The mount namespace is private: nothing is seen outside, and it all goes when the command
 * ends.
 *
 * @param netns the namespace file, {@code NetnsPath}
 * @param hosts the sandbox's {@code HostsPath}, or empty to leave /etc/hosts
 * @param resolvConf the sandbox's {@code ResolvConfPath}, or empty to leave /etc/resolv.conf
 */
record SandboxExec(
    String netns, String hosts, String resolvConf, String hostname, List<String> command) {

  SandboxExec {
    command = List.copyOf(command);
  }

  /**
   * The script run in the new namespaces. Paths and the hostname come as arguments, never spliced
   * into the script, so no value can change what it does.
   */
  static final String SCRIPT =
      """
      if [ -n "$1" ]; then mount --bind "$1" /etc/hosts || exit 125; fi
      if [ -n "$2" ]; then mount --bind "$2" /etc/resolv.conf || exit 125; fi
      if [ -n "$3" ]; then printf '%s' "$3" > /proc/sys/kernel/hostname || exit 125; fi
      if umount -l /sys 2>/dev/null; then mount -t sysfs sysfs /sys 2>/dev/null; fi
      shift 3
      exec "$@"
      """;

  static SandboxExec of(JsonValue sandbox, List<String> command) {
    String name = sandbox.get("Name").asText();
    String netns = sandbox.get("NetnsPath").asText();
    if (netns.isEmpty()) {
      throw new CliException("junction: sandbox \"" + name + "\" has no network namespace path");
    }
    // Parsing stops at the sandbox's name, so a "--" after it arrives as the first word.
    if (command != null && !command.isEmpty() && command.getFirst().equals("--")) {
      command = command.subList(1, command.size());
    }
    if (command == null || command.isEmpty()) {
      throw new CliException("junction: sandbox exec: no command given", 2);
    }
    return new SandboxExec(
        netns,
        sandbox.get("HostsPath").asText(),
        sandbox.get("ResolvConfPath").asText(),
        sandbox.get("Hostname").asText(),
        command);
  }

  List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add("nsenter");
    line.add("--net=" + netns);
    line.add("--");
    line.add("unshare");
    line.add("--mount");
    line.add("--uts");
    line.add("--propagation");
    line.add("private");
    line.add("--");
    line.add("/bin/sh");
    line.add("-c");
    line.add(SCRIPT);
    line.add("junction-exec"); // $0
    line.add(hosts);
    line.add(resolvConf);
    line.add(hostname);
    line.addAll(command);
    return line;
  }
}
