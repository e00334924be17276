package dev.junction.daemon.metrics;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.NetworkView;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.ipam.Subnet;
import dev.junction.core.model.Network;
import dev.junction.daemon.api.ApiRequest;
import dev.junction.daemon.api.ApiResponse;
import dev.junction.daemon.api.Route;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format. Request and operation timings are
 * recorded as they happen; counts of networks, sandboxes, endpoints and addresses are read from the
 * controller at each scrape, never kept as counters that could drift.
 */
public final class Metrics {
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> requestDurations = new ConcurrentHashMap<>();
  private final Histogram connects = new Histogram();
  private final Histogram disconnects = new Histogram();
  private volatile Controller controller;
  private volatile long startNanos;

  /**
   * The controller whose state each scrape reads, set once it has started, and how long its start
   * took: loading the store, restoring kernel state, watching the sandboxes.
   */
  public void observe(Controller value, long startedInNanos) {
    this.controller = value;
    this.startNanos = startedInNanos;
  }

  /** Counts an answered request and times it, by route and status. */
  public void answered(String route, int status, long nanos) {
    requests
        .computeIfAbsent(
            "route=\"" + escape(route) + "\",code=\"" + status + "\"", k -> new AtomicLong())
        .incrementAndGet();
    requestDurations
        .computeIfAbsent("route=\"" + escape(route) + "\"", k -> new Histogram())
        .observe(nanos);
  }

  public void connected(long nanos) {
    connects.observe(nanos);
  }

  public void disconnected(long nanos) {
    disconnects.observe(nanos);
  }

  public List<Route> routes() {
    return List.of(Route.of("GET", "/metrics", this::scrape));
  }

  private ApiResponse scrape(ApiRequest request) {
    return ApiResponse.text(200, render(), "text/plain; version=0.0.4; charset=utf-8");
  }

  /** The whole exposition. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP junction_api_requests_total API requests answered, by route and status.\n");
    out.append("# TYPE junction_api_requests_total counter\n");
    new TreeMap<>(requests)
        .forEach(
            (labels, count) ->
                out.append("junction_api_requests_total{")
                    .append(labels)
                    .append("} ")
                    .append(count.get())
                    .append('\n'));
    out.append("# HELP junction_api_request_duration_seconds Time to answer API requests.\n");
    out.append("# TYPE junction_api_request_duration_seconds histogram\n");
    new TreeMap<>(requestDurations)
        .forEach(
            (labels, histogram) ->
                histogram.render(out, "junction_api_request_duration_seconds", labels));
    out.append("# HELP junction_connect_duration_seconds Time the engine takes to connect.\n");
    out.append("# TYPE junction_connect_duration_seconds histogram\n");
    connects.render(out, "junction_connect_duration_seconds", "");
    out.append(
        "# HELP junction_disconnect_duration_seconds Time the engine takes to disconnect.\n");
    out.append("# TYPE junction_disconnect_duration_seconds histogram\n");
    disconnects.render(out, "junction_disconnect_duration_seconds", "");
    Controller current = controller;
    if (current != null) {
      state(out, current);
    }
    return out.toString();
  }

  private void state(StringBuilder out, Controller controller) {
    List<Network> networks = controller.listNetworks();
    long endpoints = 0;
    for (Network network : networks) {
      try {
        NetworkView view = controller.inspectNetwork(network.id().value());
        endpoints += view.endpoints().size();
      } catch (NotFoundException e) {
        // deleted while scraping
      }
    }
    out.append("# HELP junction_engine_start_seconds Time the engine took to start: load the")
        .append(" store, restore what it holds in the kernel, watch the sandboxes.\n");
    out.append("# TYPE junction_engine_start_seconds gauge\n");
    out.append("junction_engine_start_seconds ").append(startNanos / 1e9).append('\n');
    gauge(out, "junction_networks", "Networks.", networks.size());
    gauge(out, "junction_sandboxes", "Sandboxes.", controller.listSandboxes().size());
    gauge(out, "junction_endpoints", "Endpoints: sandbox attachments to networks.", endpoints);
    out.append("# HELP junction_network_addresses Addresses of each network subnet: ")
        .append("used by endpoints, and free for them.\n");
    out.append("# TYPE junction_network_addresses gauge\n");
    new TreeMap<>(controller.subnetsByNetwork())
        .forEach(
            (network, subnets) -> {
              for (Subnet subnet : subnets) {
                String labels =
                    "network=\"" + escape(network) + "\",subnet=\"" + subnet.prefix() + "\"";
                out.append("junction_network_addresses{")
                    .append(labels)
                    .append(",state=\"used\"} ")
                    .append(subnet.used())
                    .append('\n');
                out.append("junction_network_addresses{")
                    .append(labels)
                    .append(",state=\"free\"} ")
                    .append(subnet.free())
                    .append('\n');
              }
            });
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
