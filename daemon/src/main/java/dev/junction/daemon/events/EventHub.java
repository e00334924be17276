package dev.junction.daemon.events;

import dev.junction.core.event.CoreEvent;
import dev.junction.core.model.Network;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Turns the engine's events into Docker's, keeps the latest {@link #KEPT} for {@code since}, and
 * hands each to every open {@code GET /events} stream.
 */
public final class EventHub implements Consumer<CoreEvent> {

  /** Events kept for replay, as Docker keeps the last thousand or so. */
  static final int KEPT = 1024;

  private final ArrayDeque<DockerEvent> recent = new ArrayDeque<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  @Override
  public void accept(CoreEvent event) {
    for (DockerEvent docker : translate(event)) {
      publish(docker);
    }
  }

  static List<DockerEvent> translate(CoreEvent event) {
    return switch (event) {
      case CoreEvent.NetworkCreated e ->
          List.of(network("create", e.network(), Map.of(), e.time()));
      case CoreEvent.NetworkDestroyed e ->
          List.of(network("destroy", e.network(), Map.of(), e.time()));
      case CoreEvent.NetworksPruned e -> {
        List<DockerEvent> events = new ArrayList<>();
        for (Network network : e.networks()) {
          events.add(network("destroy", network, Map.of(), e.time()));
        }
        events.add(new DockerEvent("network", "prune", "", Map.of("reclaimed", "0"), e.time()));
        yield events;
      }
      case CoreEvent.Connected e ->
          List.of(
              network(
                  "connect", e.network(), Map.of("container", e.sandbox().id().value()), e.time()));
      case CoreEvent.Disconnected e ->
          List.of(
              network(
                  "disconnect",
                  e.network(),
                  Map.of("container", e.sandbox().id().value()),
                  e.time()));
      case CoreEvent.SandboxCreated e ->
          List.of(
              new DockerEvent(
                  "sandbox",
                  "create",
                  e.sandbox().id().value(),
                  Map.of("name", e.sandbox().name()),
                  e.time()));
      case CoreEvent.SandboxDestroyed e ->
          List.of(
              new DockerEvent(
                  "sandbox",
                  "destroy",
                  e.sandbox().id().value(),
                  Map.of("name", e.sandbox().name()),
                  e.time()));
    };
  }

  private static DockerEvent network(
      String action, Network network, Map<String, String> extra, Instant time) {
    Map<String, String> attributes = new HashMap<>(extra);
    attributes.put("name", network.name());
    attributes.put("type", network.driver());
    return new DockerEvent("network", action, network.id().value(), attributes, time);
  }

  private void publish(DockerEvent event) {
    synchronized (recent) {
      recent.addLast(event);
      if (recent.size() > KEPT) {
        recent.removeFirst();
      }
      for (Subscription subscription : subscriptions) {
        subscription.queue.add(event);
      }
    }
  }

  /**
   * Opens a stream: the kept events at or after {@code since} (none when null), then every new one,
   * with nothing lost or repeated between the two.
   */
  Subscription subscribe(Instant since) {
    synchronized (recent) {
      Subscription subscription = new Subscription(this);
      if (since != null) {
        for (DockerEvent event : recent) {
          if (!event.time().isBefore(since)) {
            subscription.queue.add(event);
          }
        }
      }
      if (closed) {
        subscription.queue.add(Subscription.END);
      }
      subscriptions.add(subscription);
      return subscription;
    }
  }

  /** Ends every open stream: the daemon is stopping. */
  public void close() {
    synchronized (recent) {
      closed = true;
      for (Subscription subscription : subscriptions) {
        subscription.queue.add(Subscription.END);
      }
    }
  }

  /** One open stream's queue. */
  static final class Subscription implements AutoCloseable {
    static final DockerEvent END = new DockerEvent("", "", "", Map.of(), Instant.EPOCH);

    final LinkedBlockingQueue<DockerEvent> queue = new LinkedBlockingQueue<>();
    private final EventHub hub;

    private Subscription(EventHub hub) {
      this.hub = hub;
    }

    @Override
    public void close() {
      hub.subscriptions.remove(this);
    }
  }
}
