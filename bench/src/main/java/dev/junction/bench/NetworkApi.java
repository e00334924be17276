package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's network API, as Junction's daemon and dockerd both serve it, over one keep-alive
 * connection; and the measurements made through it, identical for both. Requests carry the bodies
 * the docker CLI sends and the API version the daemon announces, as the CLI does after its ping.
 */
final class NetworkApi implements AutoCloseable {

  private static final Pattern ID = Pattern.compile("\"Id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("\"Version\"\\s*:\\s*\"([^\"]+)\"");

  private final UnixHttpClient client;
  private final String apiVersion;
  private final String prefix;

  private NetworkApi(UnixHttpClient client, String apiVersion) {
    this.client = client;
    this.apiVersion = apiVersion;
    this.prefix = "/v" + apiVersion;
  }

  /**
   * Waits until the daemon answers {@code GET /_ping} on its socket, up to {@code timeoutMillis};
   * fails early if the daemon has ended.
   */
  static NetworkApi await(Path socket, ProcessHandle daemon, long timeoutMillis, String name)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      UnixHttpClient client = new UnixHttpClient(socket);
      try {
        UnixHttpClient.Response ping = client.get("/_ping");
        if (ping.status() == 200 && ping.header("Api-Version") != null) {
          return new NetworkApi(client, ping.header("Api-Version"));
        }
        client.close();
      } catch (IOException notYet) {
        client.close();
      }
      if (!daemon.isAlive()) {
        throw new IllegalStateException(name + " ended before its API answered");
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            name + " did not answer on " + socket + " within " + timeoutMillis / 1000 + " s");
      }
      Thread.sleep(100);
    }
  }

  String apiVersion() {
    return apiVersion;
  }

  /** The daemon's own version, from {@code GET /version}. */
  String serverVersion() throws IOException {
    return field(VERSION, expect(client.get(prefix + "/version"), 200, "GET /version"));
  }

  UnixHttpClient client() {
    return client;
  }

  /** The versioned path of an API route, e.g. {@code /v1.41/networks/create}. */
  String path(String route) {
    return prefix + route;
  }

  /** A bridge network with one IPv4 subnet, in the body {@code docker network create} sends. */
  String createNetwork(String name, String subnet) throws IOException {
    String body =
        """
        {"Name":"%s","Driver":"bridge","Scope":"",\
        "IPAM":{"Driver":"default","Options":{},"Config":[{"Subnet":"%s"}]},\
        "Internal":false,"Attachable":false,"Ingress":false,"ConfigOnly":false,\
        "ConfigFrom":null,"Options":{},"Labels":{}}"""
            .formatted(name, subnet);
    return field(
        ID, expect(client.postJson(path("/networks/create"), body), 201, "create network " + name));
  }

  void deleteNetwork(String id) throws IOException {
    expect(client.delete(path("/networks/" + id)), 204, "delete network " + id);
  }

  /** {@code docker network connect NETWORK CONTAINER}, with the CLI's empty endpoint settings. */
  void connect(String network, String container) throws IOException {
    String body =
        """
        {"Container":"%s","EndpointConfig":{"IPAMConfig":null,"Links":null,"Aliases":[],\
        "DriverOpts":{},"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"",\
        "IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\
        "MacAddress":"","DNSNames":null}}"""
            .formatted(container);
    expect(
        client.postJson(path("/networks/" + network + "/connect"), body),
        200,
        "connect " + container + " to " + network);
  }

  void disconnect(String network, String container) throws IOException {
    String body = "{\"Container\":\"%s\",\"Force\":false}".formatted(container);
    expect(
        client.postJson(path("/networks/" + network + "/disconnect"), body),
        200,
        "disconnect " + container + " from " + network);
  }

  /**
   * Connects {@code container} to {@code network} and disconnects it again, {@code count} times,
   * each timed.
   */
  Map<String, Samples> connectCycles(int count, String network, String container)
      throws IOException {
    Samples connect = new Samples();
    Samples disconnect = new Samples();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      connect(network, container);
      long connected = System.nanoTime();
      disconnect(network, container);
      long disconnected = System.nanoTime();
      connect.add(connected - start);
      disconnect.add(disconnected - connected);
    }
    Map<String, Samples> ops = new LinkedHashMap<>();
    ops.put("connect", connect);
    ops.put("disconnect", disconnect);
    return ops;
  }

  /** {@code count} bridge networks with a /24 each, each created and deleted, each step timed. */
  Map<String, Samples> networkCycles(int count, String namePrefix) throws IOException {
    Samples create = new Samples();
    Samples delete = new Samples();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      String id = createNetwork(namePrefix + i, "10.232." + (i % 250) + ".0/24");
      long created = System.nanoTime();
      deleteNetwork(id);
      long deleted = System.nanoTime();
      create.add(created - start);
      delete.add(deleted - created);
    }
    Map<String, Samples> ops = new LinkedHashMap<>();
    ops.put("network_create", create);
    ops.put("network_delete", delete);
    return ops;
  }

  /** Something to do at a point of a measurement, such as reading the daemon's metrics. */
  @FunctionalInterface
  interface Checkpoint {
    void reached() throws IOException;
  }

  /** How many connects after the start are reported on their own, before any warm-up. */
  private static final int FIRST_CONNECTS = 50;

  private Samples firstConnects = new Samples();

  /**
   * The first connects of {@link #measure}, the first of its warm-up: what a freshly started daemon
   * gives.
   */
  String firstConnectsNote(String system) {
    return system
        + ": median of the first "
        + firstConnects.count()
        + " connects after its start (part of the warm-up): "
        + firstConnects.medianMicros()
        + " us";
  }

  /**
   * The plan's connect cycles and network pairs, each after its unmeasured warm-up, for a container
   * attached elsewhere; {@code beforeMeasuring} runs between warm-up and measurement.
   */
  Map<String, Samples> measure(
      ApiPlan plan, String network, String container, Checkpoint beforeMeasuring)
      throws IOException {
    int first = Math.min(FIRST_CONNECTS, plan.warmUp());
    firstConnects = connectCycles(first, network, container).get("connect");
    connectCycles(plan.warmUp() - first, network, container);
    beforeMeasuring.reached();
    Map<String, Samples> ops =
        new LinkedHashMap<>(connectCycles(plan.cycles(), network, container));
    networkCycles(plan.networkWarmUp(), "jb-nw");
    ops.putAll(networkCycles(plan.networks(), "jb-nc"));
    return ops;
  }

  /** The response if its status is the expected one; else an exception with the daemon's text. */
  static UnixHttpClient.Response expect(UnixHttpClient.Response response, int status, String what) {
    if (response.status() != status) {
      throw new IllegalStateException(
          what + ": status " + response.status() + ", " + response.text().strip());
    }
    return response;
  }

  static String field(Pattern pattern, UnixHttpClient.Response response) {
    Matcher matcher = pattern.matcher(response.text());
    if (!matcher.find()) {
      throw new IllegalStateException("unexpected answer: " + response.text().strip());
    }
    return matcher.group(1);
  }

  static String id(UnixHttpClient.Response response) {
    return field(ID, response);
  }

  @Override
  public void close() {
    client.close();
  }
}
