package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Docker (Debian's docker.io) over its API, measured like Junction: a dockerd of the benchmark's
 * own, in a namespace of the benchmark's, with its data and exec roots, socket, pid file, trust key
 * and containers' cgroups kept apart from any other Docker on the machine; it starts its own
 * containerd. A long-running container (from a busybox image made on the spot: no registry is
 * reachable) attached to a first network is connected to and disconnected from a second one; then
 * bridge networks are created and deleted.
 */
final class DockerApi {
  private DockerApi() {}

  /** Where dockerd finds a system containerd; if one is there, it uses it instead of its own. */
  private static final Path SYSTEM_CONTAINERD = Path.of("/run/containerd/containerd.sock");

  /**
   * What dockerd and its containerd create outside their roots whatever the flags say: the plugin
   * directory, the shims' socket directory. Removed afterwards when they did not exist before and
   * are empty.
   */
  private static final List<Path> SHARED_DIRECTORIES =
      List.of(
          Path.of("/run/docker/plugins"),
          Path.of("/run/docker"),
          Path.of("/run/containerd/s"),
          Path.of("/run/containerd"),
          Path.of("/etc/docker"));

  static SystemResult measure(ApiPlan plan, Workspace workspace, Teardown teardown)
      throws Exception {
    if (Files.exists(SYSTEM_CONTAINERD)) {
      throw new IllegalStateException(
          "a containerd listens on "
              + SYSTEM_CONTAINERD
              + ": dockerd would run its containers there instead of in a containerd of its own");
    }
    List<Path> existedBefore = SHARED_DIRECTORIES.stream().filter(Files::exists).toList();
    teardown.add(
        "remove the directories dockerd made outside its roots",
        () -> removeNewEmptyDirectories(existedBefore));
    Path base = workspace.directory("docker");
    NamespaceFile host = NamespaceFile.create(base.resolve("host"));
    teardown.add("remove Docker's host namespace", host::remove);
    String cgroupParent = "jba-" + ProcessHandle.current().pid();
    teardown.add("remove the containers' cgroups", () -> removeCgroups(cgroupParent));
    teardown.add("unmount under " + base, () -> Workspace.unmountAll(base));

    List<String> notes = new ArrayList<>();
    boolean iptables = Commands.exists("iptables");
    if (!iptables) {
      notes.add("docker: no iptables on this machine: dockerd ran with --iptables=false");
    }
    Process dockerd = start(base, host, cgroupParent, iptables);
    teardown.add("stop dockerd", () -> stop(dockerd, host));

    NetworkApi api = await(base, dockerd);
    teardown.add("close the connection to dockerd", api::close);
    String version =
        "docker "
            + api.serverVersion()
            + " (API "
            + api.apiVersion()
            + ", Debian docker.io "
            + PeerPackages.version("docker.io")
            + ", containerd "
            + PeerPackages.version("containerd")
            + (iptables ? ", iptables on" : ", iptables off")
            + ")";
    importImage(api, base);
    String first = api.createNetwork("jb-n1", "10.231.1.0/24");
    String second = api.createNetwork("jb-n2", "10.231.2.0/24");
    String container =
        NetworkApi.id(
            NetworkApi.expect(
                api.client()
                    .postJson(
                        api.path("/containers/create?name=jb-cb"),
                        """
                        {"Image":"jb-bb:latest","Cmd":["sleep","1000000"],\
                        "HostConfig":{"NetworkMode":"jb-n1"}}"""),
                201,
                "create container"));
    teardown.add(
        "remove the container",
        () -> api.client().delete(api.path("/containers/" + container + "?force=1&v=1")));
    NetworkApi.expect(
        api.client().send("POST", api.path("/containers/" + container + "/start"), null, null),
        204,
        "start container");

    Map<String, Samples> ops = api.measure(plan, second, container, () -> {});
    notes.add(api.firstConnectsNote("docker"));
    NetworkApi.expect(
        api.client().delete(api.path("/containers/" + container + "?force=1&v=1")),
        204,
        "remove container");
    api.deleteNetwork(second);
    api.deleteNetwork(first);
    return new SystemResult("docker", version, ops, notes);
  }

  private static Process start(Path base, NamespaceFile host, String cgroupParent, boolean iptables)
      throws IOException {
    Path config = base.resolve("daemon.json");
    // its own trust key: by default dockerd writes one to /etc/docker/key.json
    Files.writeString(config, "{\"deprecated-key-path\": \"" + base.resolve("key.json") + "\"}\n");
    List<String> command =
        new ArrayList<>(
            List.of(
                "dockerd",
                "--config-file",
                config.toString(),
                "--data-root",
                base.resolve("data").toString(),
                "--exec-root",
                base.resolve("exec").toString(),
                "-H",
                "unix://" + base.resolve("docker.sock"),
                "--pidfile",
                base.resolve("docker.pid").toString(),
                "--cgroup-parent",
                "/" + cgroupParent,
                "--log-level",
                "warn"));
    if (!iptables) {
      command.addAll(List.of("--iptables=false", "--ip6tables=false"));
    }
    return new ProcessBuilder(Commands.inNamespace(host, command))
        .redirectErrorStream(true)
        .redirectOutput(base.resolve("dockerd.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  private static NetworkApi await(Path base, Process dockerd) throws Exception {
    try {
      return NetworkApi.await(base.resolve("docker.sock"), dockerd.toHandle(), 120_000, "dockerd");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; its log:\n" + tail(base), e);
    }
  }

  /**
   * An image holding only a static busybox and the applets the container runs, imported from a tar
   * archive as {@code docker import} does.
   */
  private static void importImage(NetworkApi api, Path base) throws Exception {
    Path root = Files.createDirectories(base.resolve("image/bin"));
    Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"));
    for (String applet : List.of("sh", "sleep")) {
      Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
    }
    Path archive = base.resolve("image.tar");
    Commands.check("tar", "-C", base.resolve("image").toString(), "-cf", archive.toString(), ".");
    UnixHttpClient.Response response =
        api.client()
            .send(
                "POST",
                api.path("/images/create?fromSrc=-&repo=jb-bb&tag=latest"),
                "application/x-tar",
                Files.readAllBytes(archive));
    NetworkApi.expect(response, 200, "import image");
    if (response.text().contains("\"error\"")) {
      throw new IllegalStateException("import image: " + response.text().strip());
    }
  }

  /**
   * SIGTERM by PID, then wait: dockerd stops its containerd itself. Whatever is still running in
   * the namespace afterwards (containerd, shims) was started by this dockerd, and is ended too.
   */
  private static void stop(Process dockerd, NamespaceFile host) throws Exception {
    dockerd.toHandle().destroy();
    if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
      System.err.println("api: dockerd did not stop on SIGTERM within 60 s: killed");
      dockerd.toHandle().destroyForcibly();
      dockerd.waitFor(10, TimeUnit.SECONDS);
    }
    List<Long> strays = host.stopProcesses(10_000);
    if (!strays.isEmpty()) {
      System.err.println("api: ended processes dockerd left in its namespace: " + strays);
    }
  }

  /** cgroupfs directories named after the parent, in every hierarchy, innermost first. */
  private static void removeCgroups(String parent) throws IOException {
    Path cgroups = Path.of("/sys/fs/cgroup");
    List<Path> found = new ArrayList<>();
    try (Stream<Path> hierarchies = Files.list(cgroups)) {
      for (Path hierarchy : hierarchies.toList()) {
        Path dir = hierarchy.resolve(parent);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> tree = Files.walk(dir)) {
            tree.filter(Files::isDirectory).forEach(found::add);
          }
        }
      }
    }
    found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path dir : found) {
      Files.delete(dir); // rmdir: cgroupfs refuses while processes or child groups remain
    }
  }

  private static void removeNewEmptyDirectories(List<Path> existedBefore) throws IOException {
    for (Path dir : SHARED_DIRECTORIES) {
      if (!existedBefore.contains(dir) && Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isEmpty()) {
            Files.delete(dir);
          } else {
            System.err.println("api: " + dir + " was made during the run and is not empty: kept");
          }
        }
      }
    }
  }

  private static String tail(Path base) throws IOException {
    List<String> lines = Files.readAllLines(base.resolve("dockerd.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
