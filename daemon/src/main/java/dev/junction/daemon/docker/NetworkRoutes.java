package dev.junction.daemon.docker;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.NetworkView;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.model.Network;
import dev.junction.daemon.api.ApiRequest;
import dev.junction.daemon.api.ApiResponse;
import dev.junction.daemon.api.ApiTime;
import dev.junction.daemon.api.Filters;
import dev.junction.daemon.api.Json;
import dev.junction.daemon.api.Route;
import dev.junction.daemon.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's seven network routes over the controller. */
public final class NetworkRoutes {
  private static final Set<String> LIST_FILTERS =
      Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
  private static final Set<String> PRUNE_FILTERS = Set.of("until", "label", "label!");

  private final Controller controller;
  private final Metrics metrics;
  private final Clock clock;

  public NetworkRoutes(Controller controller, Metrics metrics, Clock clock) {
    this.controller = controller;
    this.metrics = metrics;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/networks", this::list),
        Route.of("POST", "/networks/create", this::create),
        Route.of("POST", "/networks/prune", this::prune),
        Route.of("GET", "/networks/{id}", this::inspect),
        Route.of("DELETE", "/networks/{id}", this::delete),
        Route.of("POST", "/networks/{id}/connect", this::connect),
        Route.of("POST", "/networks/{id}/disconnect", this::disconnect));
  }

  private ApiResponse list(ApiRequest request) {
    Filters filters = Filters.parse(request.queryValue("filters").orElse(""), LIST_FILTERS);
    for (String type : filters.get("type")) {
      if (!type.equals("custom") && !type.equals("builtin")) {
        throw new InvalidParameterException("invalid filter: 'type'='" + type + "'");
      }
    }
    Boolean dangling = filters.bool("dangling");
    List<Object> shapes = new ArrayList<>();
    for (Network network : controller.listNetworks()) {
      NetworkView view;
      try {
        view = controller.inspectNetwork(network.id().value());
      } catch (NotFoundException e) {
        continue; // deleted while listing
      }
      boolean unused = !network.predefined() && view.endpoints().isEmpty();
      if (filters.exact("driver", network.driver())
          && filters.matches("id", network.id().value())
          && filters.matches("name", network.name())
          && filters.exact("scope", network.scope())
          && filters.exact("type", network.predefined() ? "builtin" : "custom")
          && filters.labels("label", network.labels(), false)
          && (dangling == null || dangling == unused)) {
        shapes.add(DockerShapes.network(view));
      }
    }
    return ApiResponse.json(200, shapes);
  }

  private ApiResponse inspect(ApiRequest request) {
    request.queryFlag("verbose");
    NetworkView view = controller.inspectNetwork(request.capture(0));
    String scope = request.queryValue("scope").orElse("");
    if (!scope.isEmpty() && !scope.equals(view.network().scope())) {
      throw new NotFoundException("network " + request.capture(0) + " not found in scope " + scope);
    }
    return ApiResponse.json(200, DockerShapes.network(view));
  }

  private ApiResponse create(ApiRequest request) {
    DockerBodies.NetworkCreate body = Json.read(request.body(), DockerBodies.NetworkCreate.class);
    Network network = controller.createNetwork(body.toRequest());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Id", network.id().value());
    answer.put("Warning", "");
    return ApiResponse.json(201, answer);
  }

  private ApiResponse delete(ApiRequest request) {
    controller.deleteNetwork(request.capture(0));
    return ApiResponse.empty(204);
  }

  private ApiResponse connect(ApiRequest request) {
    DockerBodies.Connect body = Json.read(request.body(), DockerBodies.Connect.class);
    String network = request.capture(0);
    requireContainer(body.container(), "connect to network " + network);
    EndpointRequest endpointRequest =
        body.endpointConfig() == null
            ? EndpointRequest.DEFAULT
            : body.endpointConfig()
                .toRequest("connect of " + body.container() + " to network " + network);
    long start = System.nanoTime();
    controller.connect(body.container(), network, endpointRequest);
    metrics.connected(System.nanoTime() - start);
    return ApiResponse.empty(200);
  }

  private ApiResponse disconnect(ApiRequest request) {
    DockerBodies.Disconnect body = Json.read(request.body(), DockerBodies.Disconnect.class);
    String network = request.capture(0);
    requireContainer(body.container(), "disconnect from network " + network);
    long start = System.nanoTime();
    controller.disconnect(body.container(), network, body.force());
    metrics.disconnected(System.nanoTime() - start);
    return ApiResponse.empty(200);
  }

  private static void requireContainer(String container, String what) {
    if (container == null || container.isEmpty()) {
      throw new InvalidParameterException(
          what + ": field \"Container\" is empty; name a sandbox by ID, name or ID prefix");
    }
  }

  private ApiResponse prune(ApiRequest request) {
    Filters filters = Filters.parse(request.queryValue("filters").orElse(""), PRUNE_FILTERS);
    Instant now = clock.instant();
    List<Instant> until = new ArrayList<>();
    for (String value : filters.get("until")) {
      until.add(ApiTime.parse("until filter", value, now));
    }
    List<Network> deleted =
        controller.pruneNetworks(
            network ->
                until.stream().allMatch(limit -> network.created().isBefore(limit))
                    && filters.labels("label", network.labels(), false)
                    && filters.labels("label!", network.labels(), true));
    return ApiResponse.json(
        200, Map.of("NetworksDeleted", deleted.stream().map(Network::name).toList()));
  }
}
