package dev.junction.daemon.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.controller.Controller;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.SandboxRequest;
import dev.junction.core.controller.SandboxView;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.ExtraHost;
import dev.junction.core.model.Sandbox;
import dev.junction.daemon.api.ApiRequest;
import dev.junction.daemon.api.ApiResponse;
import dev.junction.daemon.api.ApiTime;
import dev.junction.daemon.api.Filters;
import dev.junction.daemon.api.Json;
import dev.junction.daemon.api.Route;
import dev.junction.daemon.docker.DockerBodies.EndpointSettings;
import dev.junction.daemon.metrics.Metrics;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Junction's own sandbox resource, in the style of Docker's container API: create (optionally
 * connected to networks at once), list, inspect, delete.
 */
public final class SandboxRoutes {
  private static final Set<String> FILTERS = Set.of("id", "name", "network");

  private final Controller controller;
  private final Metrics metrics;

  public SandboxRoutes(Controller controller, Metrics metrics) {
    this.controller = controller;
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/sandboxes", this::list),
        Route.of("POST", "/sandboxes/create", this::create),
        Route.of("GET", "/sandboxes/{id}", this::inspect),
        Route.of("DELETE", "/sandboxes/{id}", this::delete));
  }

  /** {@code POST /sandboxes/create}. */
  public record SandboxCreate(
      @JsonProperty("Name") String name,
      @JsonProperty("Hostname") String hostname,
      @JsonProperty("Dns") List<String> dns,
      @JsonProperty("DnsSearch") List<String> dnsSearch,
      @JsonProperty("DnsOptions") List<String> dnsOptions,
      @JsonProperty("ExtraHosts") List<String> extraHosts,
      @JsonProperty("NetnsPath") String netnsPath,
      @JsonProperty("Pid") int pid,
      @JsonProperty("NetworkingConfig") NetworkingConfig networkingConfig) {}

  /** {@code NetworkingConfig}: the networks to connect at creation, by name or ID. */
  public record NetworkingConfig(
      @JsonProperty("EndpointsConfig") Map<String, EndpointSettings> endpointsConfig) {}

  private ApiResponse create(ApiRequest request) {
    SandboxCreate body = Json.read(request.body(), SandboxCreate.class);
    if (body.name() == null || body.name().isEmpty()) {
      throw new InvalidParameterException("sandbox name is empty: a name is required");
    }
    String where = "sandbox \"" + body.name() + "\"";
    SandboxRequest sandboxRequest =
        new SandboxRequest(
            body.name(),
            body.hostname() == null || body.hostname().isEmpty()
                ? Optional.empty()
                : Optional.of(body.hostname()),
            orEmpty(body.dns()),
            orEmpty(body.dnsSearch()),
            orEmpty(body.dnsOptions()),
            orEmpty(body.extraHosts()).stream().map(ExtraHost::parse).toList(),
            netns(where, body));
    Map<String, EndpointRequest> connects = new LinkedHashMap<>();
    if (body.networkingConfig() != null && body.networkingConfig().endpointsConfig() != null) {
      for (var entry : body.networkingConfig().endpointsConfig().entrySet()) {
        EndpointSettings settings = entry.getValue();
        connects.put(
            entry.getKey(),
            settings == null
                ? EndpointRequest.DEFAULT
                : settings.toRequest(where + " on network " + entry.getKey()));
      }
    }
    for (String network : connects.keySet()) {
      controller.inspectNetwork(network); // an unknown network fails before anything is made
    }
    Sandbox sandbox = controller.createSandbox(sandboxRequest);
    try {
      for (var entry : connects.entrySet()) {
        long start = System.nanoTime();
        controller.connect(sandbox.id().value(), entry.getKey(), entry.getValue());
        metrics.connected(System.nanoTime() - start);
      }
    } catch (RuntimeException e) {
      try {
        controller.deleteSandbox(sandbox.id().value());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Id", sandbox.id().value());
    answer.put("Warnings", List.of());
    return ApiResponse.json(201, answer);
  }

  private static Optional<Path> netns(String where, SandboxCreate body) {
    boolean hasPath = body.netnsPath() != null && !body.netnsPath().isEmpty();
    if (hasPath && body.pid() != 0) {
      throw new InvalidParameterException(where + ": give NetnsPath or Pid, not both");
    }
    if (body.pid() < 0) {
      throw new InvalidParameterException(where + ": invalid Pid " + body.pid());
    }
    if (body.pid() > 0) {
      return Optional.of(Path.of("/proc/" + body.pid() + "/ns/net"));
    }
    if (hasPath) {
      Path path = Path.of(body.netnsPath());
      if (!path.isAbsolute()) {
        throw new InvalidParameterException(
            where + ": NetnsPath \"" + body.netnsPath() + "\" is not an absolute path");
      }
      return Optional.of(path);
    }
    return Optional.empty();
  }

  private static <T> List<T> orEmpty(List<T> values) {
    return values == null ? List.of() : values;
  }

  private ApiResponse list(ApiRequest request) {
    Filters filters = Filters.parse(request.queryValue("filters").orElse(""), FILTERS);
    List<Object> shapes = new ArrayList<>();
    for (Sandbox sandbox : controller.listSandboxes()) {
      SandboxView view;
      try {
        view = controller.inspectSandbox(sandbox.id().value());
      } catch (NotFoundException e) {
        continue; // deleted while listing
      }
      boolean onNetwork =
          !filters.has("network")
              || view.endpoints().stream()
                  .anyMatch(
                      a ->
                          filters.get("network").contains(a.network().name())
                              || filters.get("network").stream()
                                  .anyMatch(
                                      v -> !v.isEmpty() && a.network().id().value().startsWith(v)));
      if (filters.matches("id", sandbox.id().value())
          && filters.matches("name", sandbox.name())
          && onNetwork) {
        shapes.add(shape(view));
      }
    }
    return ApiResponse.json(200, shapes);
  }

  private ApiResponse inspect(ApiRequest request) {
    return ApiResponse.json(200, shape(controller.inspectSandbox(request.capture(0))));
  }

  private ApiResponse delete(ApiRequest request) {
    controller.deleteSandbox(request.capture(0));
    return ApiResponse.empty(204);
  }

  /**
   * A sandbox as {@code GET /sandboxes/{id}} shows it: the fields of a container's network part.
   */
  static Map<String, Object> shape(SandboxView view) {
    Sandbox sandbox = view.sandbox();
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Id", sandbox.id().value());
    shape.put("Name", sandbox.name());
    shape.put("Created", ApiTime.rfc3339Nano(sandbox.created()));
    shape.put("Hostname", sandbox.hostname());
    shape.put("NetnsPath", sandbox.netns().toString());
    shape.put("OwnsNetns", sandbox.ownsNetns());
    shape.put("HostsPath", view.hostsFile().toString());
    shape.put("ResolvConfPath", view.resolvConf().toString());
    shape.put("Dns", sandbox.dns());
    shape.put("DnsSearch", sandbox.dnsSearch());
    shape.put("DnsOptions", sandbox.dnsOptions());
    shape.put("ExtraHosts", sandbox.extraHosts().stream().map(ExtraHost::toString).toList());
    Map<String, Object> networks = new LinkedHashMap<>();
    for (SandboxView.Attachment attachment : view.endpoints()) {
      networks.put(attachment.network().name(), endpoint(attachment, view.gatewayEndpoint()));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "GatewayNetwork",
        view.gatewayEndpoint()
            .flatMap(
                g ->
                    view.endpoints().stream()
                        .filter(a -> a.endpoint().id().equals(g.id()))
                        .findFirst())
            .map(a -> a.network().name())
            .orElse(""));
    settings.put("Networks", networks);
    shape.put("NetworkSettings", settings);
    return shape;
  }

  private static Map<String, Object> endpoint(
      SandboxView.Attachment attachment, Optional<Endpoint> gateway) {
    Endpoint endpoint = attachment.endpoint();
    Map<String, Object> shape = new LinkedHashMap<>();
    Map<String, Object> ipam = new LinkedHashMap<>();
    endpoint.staticAddresses().stream()
        .filter(a -> a.family() == IpFamily.V4)
        .findFirst()
        .ifPresent(a -> ipam.put("IPv4Address", a.toString()));
    endpoint.staticAddresses().stream()
        .filter(a -> a.family() == IpFamily.V6)
        .findFirst()
        .ifPresent(a -> ipam.put("IPv6Address", a.toString()));
    if (!endpoint.linkLocal().isEmpty()) {
      ipam.put("LinkLocalIPs", endpoint.linkLocal().stream().map(IpAddress::toString).toList());
    }
    shape.put("IPAMConfig", ipam.isEmpty() ? null : ipam);
    shape.put("Aliases", endpoint.aliases());
    shape.put("DriverOpts", endpoint.driverOptions().isEmpty() ? null : endpoint.driverOptions());
    shape.put("GwPriority", endpoint.gatewayPriority());
    shape.put("NetworkID", attachment.network().id().value());
    shape.put("EndpointID", endpoint.id().value());
    shape.put("Gateway", endpoint.gatewayV4().map(IpAddress::toString).orElse(""));
    shape.put("IPAddress", endpoint.ipv4().map(a -> a.address().toString()).orElse(""));
    shape.put("IPPrefixLen", endpoint.ipv4().map(InterfaceAddress::prefixLength).orElse(0));
    shape.put("IPv6Gateway", endpoint.gatewayV6().map(IpAddress::toString).orElse(""));
    shape.put("GlobalIPv6Address", endpoint.ipv6().map(a -> a.address().toString()).orElse(""));
    shape.put("GlobalIPv6PrefixLen", endpoint.ipv6().map(InterfaceAddress::prefixLength).orElse(0));
    shape.put("MacAddress", endpoint.interfaceName().isEmpty() ? "" : endpoint.mac().toString());
    shape.put("InterfaceName", endpoint.interfaceName());
    shape.put("DefaultRoute", gateway.map(g -> g.id().equals(endpoint.id())).orElse(false));
    shape.put("DNSNames", dnsNames(attachment));
    return shape;
  }

  private static List<String> dnsNames(SandboxView.Attachment attachment) {
    List<String> names = new ArrayList<>();
    names.add(attachment.endpoint().name());
    names.addAll(attachment.endpoint().aliases());
    return names;
  }
}
