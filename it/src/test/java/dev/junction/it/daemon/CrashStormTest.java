package dev.junction.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.observe.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daemon is killed with SIGKILL at random instants while a client creates and deletes networks
 * and sandboxes and connects and disconnects them; after each restart, store, kernel and API must
 * agree, every operation acknowledged before the kill must show (the one in flight may or may not),
 * no address may be held twice, and connected sandboxes must reach each other.
 *
 * <p>{@code -Djunction.crash.kills=N} and {@code -Djunction.crash.seed=S} replay a run; the seed is
 * printed at the start.
 */
@ExtendWith(RootNamespaceGuard.class)
class CrashStormTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KILLS = Integer.getInteger("junction.crash.kills", 100);
  private static final long SEED = Long.getLong("junction.crash.seed", 20261128L);
  private static final int NETWORKS = 4;
  private static final int SANDBOXES = 6;

  /** What the API must show: names, and endpoints as {@code sandbox@network}. */
  private record State(Set<String> networks, Set<String> sandboxes, Set<String> endpoints) {
    State copy() {
      return new State(new TreeSet<>(networks), new TreeSet<>(sandboxes), new TreeSet<>(endpoints));
    }
  }

  /** One request of the load, and what it does to the state when it succeeds. */
  private record Operation(String method, String path, String body, String description) {}

  private static Operation next(Random random, State state) {
    String network = "cn" + random.nextInt(NETWORKS);
    String sandbox = "cs" + random.nextInt(SANDBOXES);
    return switch (random.nextInt(6)) {
      case 0 ->
          new Operation(
              "POST",
              "/networks/create",
              "{\"Name\":\""
                  + network
                  + "\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.90."
                  + network.substring(2)
                  + ".0/24\"}]}}",
              "create network " + network);
      case 1 -> new Operation("DELETE", "/networks/" + network, null, "delete network " + network);
      case 2 ->
          new Operation(
              "POST",
              "/sandboxes/create",
              "{\"Name\":\"" + sandbox + "\"}",
              "create sandbox " + sandbox);
      case 3 -> new Operation("DELETE", "/sandboxes/" + sandbox, null, "delete sandbox " + sandbox);
      case 4 ->
          new Operation(
              "POST",
              "/networks/" + network + "/connect",
              "{\"Container\":\"" + sandbox + "\"}",
              "connect " + sandbox + "@" + network);
      default ->
          new Operation(
              "POST",
              "/networks/" + network + "/disconnect",
              "{\"Container\":\"" + sandbox + "\",\"Force\":true}",
              "disconnect " + sandbox + "@" + network);
    };
  }

  /** The state after {@code operation} succeeded on {@code state}. */
  private static State apply(State state, Operation operation) {
    State after = state.copy();
    String[] words = operation.description().split(" ");
    switch (words[0] + " " + (words.length > 2 ? words[1] : "")) {
      case "create network" -> after.networks().add(words[2]);
      case "delete network" -> after.networks().remove(words[2]);
      case "create sandbox" -> after.sandboxes().add(words[2]);
      case "delete sandbox" -> {
        after.sandboxes().remove(words[2]);
        after.endpoints().removeIf(e -> e.startsWith(words[2] + "@"));
      }
      default -> {
        if (words[0].equals("connect")) {
          after.endpoints().add(words[1]);
        } else {
          after.endpoints().remove(words[1]);
        }
      }
    }
    return after;
  }

  /** What the API shows, of the networks and sandboxes this test makes. */
  private static State observe(UnixHttpClient client) throws IOException {
    State state = new State(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    for (JsonNode network : JSON.readTree(client.get("/networks").body())) {
      String name = network.get("Name").asText();
      if (name.startsWith("cn")) {
        state.networks().add(name);
        Set<String> addresses = new HashSet<>();
        for (JsonNode member : network.get("Containers")) {
          assertThat(addresses.add(member.get("IPv4Address").asText()))
              .as("an address held twice in %s: %s", name, network)
              .isTrue();
        }
      }
    }
    for (JsonNode sandbox : JSON.readTree(client.get("/sandboxes").body())) {
      String name = sandbox.get("Name").asText();
      state.sandboxes().add(name);
      for (var network : sandbox.get("NetworkSettings").get("Networks").properties()) {
        state.endpoints().add(name + "@" + network.getKey());
      }
    }
    return state;
  }

  @Test
  void killedAtRandomInstantsTheDaemonAlwaysComesBackConsistent() throws Exception {
    System.out.println("crash storm: seed=" + SEED + " kills=" + KILLS);
    Random random = new Random(SEED);
    AtomicLong operations = new AtomicLong();
    int interrupted = 0;
    try (DaemonProcess daemon = DaemonProcess.start()) {
      State model = new State(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
      for (int kill = 1; kill <= KILLS; kill++) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Operation> inFlight = new AtomicReference<>();
        AtomicReference<State> acknowledged = new AtomicReference<>(model);
        AtomicReference<String> serverError = new AtomicReference<>();
        Random load = new Random(random.nextLong());
        Thread client =
            Thread.ofPlatform()
                .start(
                    () -> {
                      UnixHttpClient http = new UnixHttpClient(daemon.socket());
                      while (!stop.get()) {
                        Operation operation = next(load, acknowledged.get());
                        inFlight.set(operation);
                        try {
                          Answer answer =
                              http.send(operation.method(), operation.path(), operation.body());
                          if (answer.status() >= 500) {
                            serverError.set(operation.description() + " -> " + answer.body());
                            return;
                          }
                          if (answer.status() < 300) {
                            acknowledged.set(apply(acknowledged.get(), operation));
                            operations.incrementAndGet();
                          }
                          inFlight.set(null);
                        } catch (IOException | RuntimeException e) {
                          return; // the daemon died under this request: no answer, or half of one
                        }
                      }
                    });
        Thread.sleep(100 + random.nextInt(1000));
        daemon.kill();
        stop.set(true);
        client.join();
        if (kill % 5 == 0) {
          // and killed again while it starts: during its restore, or just before or after
          daemon.launchAndKillAfter(200 + random.nextInt(1000));
        }
        daemon.restart();

        UnixHttpClient http = new UnixHttpClient(daemon.socket());
        String seed = "seed=" + SEED + " kill=" + kill;
        assertThat(serverError.get()).as(seed + ": a 5xx before the kill").isNull();
        JsonNode check = JSON.readTree(http.get("/system/check").body());
        assertThat(check.get("Clean").asBoolean()).as(seed + " system check: " + check).isTrue();

        State observed = observe(http);
        State before = acknowledged.get();
        Operation pending = inFlight.get();
        if (pending == null) {
          assertThat(observed).as(seed).isEqualTo(before);
        } else {
          interrupted++;
          assertThat(observed)
              .as(seed + ", with " + pending.description() + " in flight")
              .isIn(before, apply(before, pending));
        }
        model = observed;

        // The kernel, seen by ip: one veth host end per endpoint, one bridge per network.
        String links = Command.check(daemon.hostNs(), "ip", "-o", "link", "show");
        long veths = links.lines().filter(l -> l.matches("\\d+: veth.*")).count();
        assertThat(veths).as(seed + " veths").isEqualTo(model.endpoints().size());
        long bridges = links.lines().filter(l -> l.matches("\\d+: br-.*")).count();
        assertThat(bridges).as(seed + " bridges").isEqualTo(model.networks().size());
        // IPAM holds exactly the addresses of the endpoints: none leaked, none lost.
        String metrics = http.get("/metrics").body();
        for (String network : model.networks()) {
          long members = model.endpoints().stream().filter(e -> e.endsWith("@" + network)).count();
          assertThat(metrics)
              .as(seed + " addresses used on " + network)
              .contains(
                  "junction_network_addresses{network=\""
                      + network
                      + "\",subnet=\"10.90."
                      + network.substring(2)
                      + ".0/24\",state=\"used\"} "
                      + members
                      + "\n");
        }
        // No record without its objects and no objects without their record: a namespace file
        // for each sandbox and no other, one directory of files per sandbox.
        assertThat(names(daemon.sandboxNs("any").path().getParent()))
            .as(seed + " namespace files")
            .isEqualTo(List.copyOf(model.sandboxes()));
        assertThat(names(daemon.dataRoot().resolve("sandboxes")))
            .as(seed + " sandbox file directories")
            .hasSameSizeAs(model.sandboxes());
        if (kill % 10 == 0) {
          reachEachOther(http, daemon, model, seed);
        }
      }
      // Links taken out of use, those the kills left waiting included, are deleted within
      // seconds once the load stops (bridges after a pause in network changes): none piles up.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long waiting;
      do {
        Thread.sleep(100);
        waiting =
            Command.check(daemon.hostNs(), "ip", "-o", "link", "show")
                .lines()
                .filter(l -> l.matches("\\d+: jd.*"))
                .count();
      } while (waiting > 0 && System.nanoTime() < deadline);
      assertThat(waiting).as("seed=" + SEED + ": links still waiting for deletion").isZero();
      // The store's native library, kept from the first start: one copy, not one per kill (the
      // driver's own unpacking left one at every start).
      assertThat(
              names(daemon.dataRoot().resolve("native")).stream()
                  .filter(name -> name.endsWith(".so"))
                  .count())
          .as("seed=" + SEED + ": native library copies in the data root")
          .isEqualTo(1);
    }
    System.out.println(
        "crash storm: kills="
            + KILLS
            + " acknowledged operations="
            + operations.get()
            + " kills during a request="
            + interrupted
            + " violations=0 seed="
            + SEED);
    assertThat(operations.get()).as("the load did work between kills").isGreaterThan(KILLS);
  }

  /** The names in a directory, sorted; none when it does not exist. */
  private static List<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** On each network with two sandboxes or more, the first reaches the second. */
  private static void reachEachOther(
      UnixHttpClient http, DaemonProcess daemon, State model, String seed) throws IOException {
    for (String network : model.networks()) {
      List<String> members =
          model.endpoints().stream()
              .filter(e -> e.endsWith("@" + network))
              .map(e -> e.substring(0, e.indexOf('@')))
              .toList();
      if (members.size() < 2) {
        continue;
      }
      JsonNode target = JSON.readTree(http.get("/sandboxes/" + members.get(1)).body());
      String address =
          target.get("NetworkSettings").get("Networks").get(network).get("IPAddress").asText();
      assertThat(
              Command.runIn(daemon.sandboxNs(members.get(0)), "ping", "-c1", "-W2", address).ok())
          .as(seed + ": " + members.get(0) + " reaches " + members.get(1) + " on " + network)
          .isTrue();
    }
  }
}
