package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The peers' Debian packages: which are installed, their versions, and installing the missing ones
 * for {@code bench/run api --peers} without starting any service (dockerd and containerd would
 * otherwise start in the root namespace, where nothing of the benchmark's may run).
 */
final class PeerPackages {
  private PeerPackages() {}

  /** What each peer needs; busybox-static makes Docker's container image. */
  static final Map<String, List<String>> PACKAGES =
      Map.of(
          "docker", List.of("docker.io", "busybox-static"),
          "netavark", List.of("netavark", "iptables"),
          "cni", List.of("containernetworking-plugins", "iptables"));

  private static final Path POLICY = Path.of("/usr/sbin/policy-rc.d");
  private static final Set<String> SERVICES = Set.of("dockerd", "containerd");

  static boolean installed(String pkg) throws IOException, InterruptedException {
    Commands.Outcome outcome = Commands.run("dpkg-query", "-W", "-f=${Status}", pkg);
    return outcome.ok() && outcome.stdout().strip().equals("install ok installed");
  }

  static String version(String pkg) throws IOException, InterruptedException {
    Commands.Outcome outcome = Commands.run("dpkg-query", "-W", "-f=${Version}", pkg);
    return outcome.ok() ? outcome.stdout().strip() : "unknown";
  }

  /** The packages of {@code system} that are not installed. */
  static List<String> missing(String system) throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String pkg : PACKAGES.getOrDefault(system, List.of())) {
      if (!installed(pkg)) {
        missing.add(pkg);
      }
    }
    return missing;
  }

  /**
   * {@code apt-get install} without recommends, non-interactively, with a policy-rc.d that forbids
   * starting services (unless one is already in place); then checks that no dockerd or containerd
   * appeared. One that did is reported, never ended: the benchmark did not start it.
   */
  static void install(List<String> packages) throws IOException, InterruptedException {
    if (packages.isEmpty()) {
      return;
    }
    System.err.println("api: installing " + String.join(" ", packages));
    Set<Long> before = runningServices();
    boolean placedPolicy = false;
    if (!Files.exists(POLICY)) {
      Files.writeString(
          POLICY, "#!/bin/sh\n# bench/run api: no service starts during the install\nexit 101\n");
      Files.setPosixFilePermissions(POLICY, PosixFilePermissions.fromString("rwxr-xr-x"));
      placedPolicy = true;
    }
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "apt-get",
                  "install",
                  "-y",
                  "-q",
                  "--no-install-recommends",
                  "-o",
                  "Dpkg::Options::=--force-confold"));
      command.addAll(packages);
      Map<String, String> environment = Map.of("DEBIAN_FRONTEND", "noninteractive");
      Commands.Outcome outcome = Commands.run(command, null, environment);
      if (!outcome.ok()) {
        // the package lists may be stale or missing: refresh them once
        Commands.run(List.of("apt-get", "update", "-q"), null, environment);
        outcome = Commands.run(command, null, environment);
      }
      if (!outcome.ok()) {
        throw new IllegalStateException(
            "apt-get install " + String.join(" ", packages) + " failed: " + outcome.complaint());
      }
    } finally {
      if (placedPolicy) {
        Files.deleteIfExists(POLICY);
      }
    }
    Set<Long> started = runningServices();
    started.removeAll(before);
    if (!started.isEmpty()) {
      System.err.println(
          "api: WARNING: dockerd or containerd started during the install (pid "
              + started
              + "); the benchmark did not start it and leaves it alone");
    }
  }

  /** PIDs of running dockerd and containerd processes, whoever started them. */
  private static Set<Long> runningServices() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .command()
                    .map(c -> SERVICES.contains(Path.of(c).getFileName().toString()))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
