package dev.junction.daemon.events;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.daemon.api.ApiRequest;
import dev.junction.daemon.api.ApiResponse;
import dev.junction.daemon.api.ApiTime;
import dev.junction.daemon.api.Filters;
import dev.junction.daemon.api.Json;
import dev.junction.daemon.api.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@code GET /events}: the stream of network and sandbox events, one JSON object per line. */
public final class EventRoutes {
  private static final Set<String> FILTERS =
      Set.of("type", "event", "network", "container", "sandbox", "scope");

  /**
   * How often an idle stream writes a newline, which JSON stream readers skip: a stream whose
   * client has gone away fails on it and ends, instead of holding its thread forever.
   */
  private static final Duration KEEPALIVE = Duration.ofSeconds(5);

  private final EventHub hub;
  private final Clock clock;

  public EventRoutes(EventHub hub, Clock clock) {
    this.hub = hub;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(Route.of("GET", "/events", this::events));
  }

  private ApiResponse events(ApiRequest request) {
    Instant now = clock.instant();
    Instant since =
        request
            .queryValue("since")
            .filter(s -> !s.isEmpty())
            .map(s -> ApiTime.parse("since", s, now))
            .orElse(null);
    Instant until =
        request
            .queryValue("until")
            .filter(s -> !s.isEmpty())
            .map(s -> ApiTime.parse("until", s, now))
            .orElse(null);
    if (since != null && until != null && until.isBefore(since)) {
      throw new InvalidParameterException("until (" + until + ") is before since (" + since + ")");
    }
    Filters filters = Filters.parse(request.queryValue("filters").orElse(""), FILTERS);
    EventHub.Subscription subscription = hub.subscribe(since);
    return new ApiResponse.Streamed(
        200, "application/json", out -> stream(subscription, filters, until, out));
  }

  private void stream(
      EventHub.Subscription subscription, Filters filters, Instant until, OutputStream out)
      throws IOException, InterruptedException {
    try (subscription) {
      out.flush();
      while (true) {
        long waitNanos = KEEPALIVE.toNanos();
        if (until != null) {
          long left = Duration.between(clock.instant(), until).toNanos();
          if (left <= 0 && subscription.queue.isEmpty()) {
            return;
          }
          waitNanos = Math.max(0, Math.min(waitNanos, left));
        }
        DockerEvent event = subscription.queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (event == EventHub.Subscription.END) {
          return;
        }
        if (event == null) {
          out.write('\n');
          out.flush();
          continue;
        }
        if (until != null && event.time().isAfter(until)) {
          return;
        }
        if (matches(event, filters)) {
          out.write((Json.write(event.shape()) + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    }
  }

  static boolean matches(DockerEvent event, Filters filters) {
    String container = event.attributes().getOrDefault("container", "");
    String sandbox = event.type().equals("sandbox") ? event.actorId() : container;
    String sandboxName = event.type().equals("sandbox") ? event.attributes().get("name") : null;
    String network = event.type().equals("network") ? event.actorId() : "";
    String networkName = event.type().equals("network") ? event.attributes().get("name") : null;
    return filters.exact("type", event.type())
        && filters.exact("event", event.action())
        && filters.exact("scope", "local")
        && (!filters.has("network")
            || filters.get("network").stream()
                .anyMatch(v -> matchesObject(v, network, networkName)))
        && (!filters.has("container")
            || filters.get("container").stream()
                .anyMatch(v -> matchesObject(v, sandbox, sandboxName)))
        && (!filters.has("sandbox")
            || filters.get("sandbox").stream()
                .anyMatch(v -> matchesObject(v, sandbox, sandboxName)));
  }

  private static boolean matchesObject(String value, String id, String name) {
    return !value.isEmpty() && (id.startsWith(value) || value.equals(name));
  }
}
