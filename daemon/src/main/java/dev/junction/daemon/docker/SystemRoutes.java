package dev.junction.daemon.docker;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.Difference;
import dev.junction.daemon.api.ApiRequest;
import dev.junction.daemon.api.ApiResponse;
import dev.junction.daemon.api.ApiTime;
import dev.junction.daemon.api.ApiVersion;
import dev.junction.daemon.api.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /_ping}, {@code /version} and {@code /info}: what clients ask before anything else; and
 * Junction's own {@code /system/check}.
 */
public final class SystemRoutes {

  /** What {@code /info} and {@code /version} tell about this daemon. */
  public record Identity(String version, String id, Path dataRoot, Path execRoot) {}

  private final Controller controller;
  private final Identity identity;
  private final Clock clock;

  public SystemRoutes(Controller controller, Identity identity, Clock clock) {
    this.controller = controller;
    this.identity = identity;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/_ping", this::ping),
        Route.of("HEAD", "/_ping", this::ping),
        Route.of("GET", "/version", this::version),
        Route.of("GET", "/info", this::info),
        Route.of("GET", "/system/check", this::check));
  }

  /**
   * The differences between the store and the kernel: {@code {"Clean": bool, "Differences":
   * [{"Object": …, "Problem": …}]}}, always 200 (a difference is an answer, not an error).
   */
  private ApiResponse check(ApiRequest request) {
    List<Map<String, Object>> differences = new ArrayList<>();
    for (Difference difference : controller.check()) {
      Map<String, Object> shape = new LinkedHashMap<>();
      shape.put("Object", difference.object());
      shape.put("Problem", difference.problem());
      differences.add(shape);
    }
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Clean", differences.isEmpty());
    shape.put("Differences", differences);
    return ApiResponse.json(200, shape);
  }

  private ApiResponse ping(ApiRequest request) {
    return ApiResponse.text(200, "OK", "text/plain; charset=utf-8");
  }

  private ApiResponse version(ApiRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ApiVersion", ApiVersion.CURRENT);
    details.put("MinAPIVersion", ApiVersion.MINIMUM);
    details.put("Os", "linux");
    details.put("Arch", System.getProperty("os.arch"));
    details.put("KernelVersion", kernelVersion());
    details.put("JavaVersion", Runtime.version().toString());
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("Name", "Engine");
    engine.put("Version", identity.version());
    engine.put("Details", details);
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Platform", Map.of("Name", "Junction " + identity.version()));
    shape.put("Components", List.of(engine));
    shape.put("Version", identity.version());
    shape.put("ApiVersion", ApiVersion.CURRENT);
    shape.put("MinAPIVersion", ApiVersion.MINIMUM);
    shape.put("GitCommit", "");
    shape.put("GoVersion", "java " + Runtime.version().feature());
    shape.put("Os", "linux");
    shape.put("Arch", System.getProperty("os.arch"));
    shape.put("KernelVersion", kernelVersion());
    shape.put("BuildTime", "");
    return ApiResponse.json(200, shape);
  }

  private ApiResponse info(ApiRequest request) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("ID", identity.id());
    shape.put("Containers", 0);
    shape.put("ContainersRunning", 0);
    shape.put("ContainersPaused", 0);
    shape.put("ContainersStopped", 0);
    shape.put("Images", 0);
    shape.put("Driver", "");
    shape.put(
        "Plugins",
        Map.of(
            "Volume",
            List.of(),
            "Network",
            List.of("bridge", "host", "null"),
            "Authorization",
            List.of(),
            "Log",
            List.of()));
    shape.put("SystemTime", ApiTime.rfc3339Nano(clock.instant()));
    shape.put("KernelVersion", kernelVersion());
    shape.put("OperatingSystem", operatingSystem());
    shape.put("OSType", "linux");
    shape.put("Architecture", arch());
    shape.put("NCPU", Runtime.getRuntime().availableProcessors());
    shape.put("MemTotal", memTotal());
    shape.put("DockerRootDir", identity.dataRoot().toString());
    shape.put("Name", hostname());
    shape.put("Labels", List.of());
    shape.put("ExperimentalBuild", false);
    shape.put("ServerVersion", identity.version());
    shape.put(
        "Swarm",
        Map.of(
            "NodeID",
            "",
            "NodeAddr",
            "",
            "LocalNodeState",
            "inactive",
            "ControlAvailable",
            false,
            "Error",
            "",
            "RemoteManagers",
            List.of()));
    shape.put("SecurityOptions", List.of());
    shape.put("Warnings", List.of());
    shape.put("Networks", controller.listNetworks().size());
    shape.put("Sandboxes", controller.listSandboxes().size());
    shape.put("ExecRoot", identity.execRoot().toString());
    return ApiResponse.json(200, shape);
  }

  private static String arch() {
    String arch = System.getProperty("os.arch");
    return arch.equals("amd64") ? "x86_64" : arch;
  }

  private static String kernelVersion() {
    return read(Path.of("/proc/sys/kernel/osrelease"), "");
  }

  private static String hostname() {
    return read(Path.of("/proc/sys/kernel/hostname"), "");
  }

  private static String operatingSystem() {
    for (String line : read(Path.of("/etc/os-release"), "").split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring("PRETTY_NAME=".length()).replace("\"", "");
      }
    }
    return "Linux";
  }

  private static long memTotal() {
    for (String line : read(Path.of("/proc/meminfo"), "").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  private static String read(Path file, String otherwise) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return otherwise;
    }
  }
}
