package dev.junction.core.model;

import dev.junction.core.id.SandboxId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A container's network stack: a network namespace and what lives in it.
 *
 * @param netns the namespace file ({@code /run/netns/web}, {@code /proc/PID/ns/net})
 * @param ownsNetns true when Junction created the namespace and so deletes it with the sandbox
 * @param dns nameservers for resolv.conf; empty for the host's
 */
public record Sandbox(
    SandboxId id,
    String name,
    String hostname,
    Path netns,
    boolean ownsNetns,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<ExtraHost> extraHosts,
    Instant created,
    Lifecycle lifecycle) {

  public Sandbox {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    Objects.requireNonNull(hostname);
    Objects.requireNonNull(netns);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    dnsOptions = List.copyOf(dnsOptions);
    extraHosts = List.copyOf(extraHosts);
    Objects.requireNonNull(created);
    Objects.requireNonNull(lifecycle);
  }

  public Sandbox withLifecycle(Lifecycle value) {
    return new Sandbox(
        id,
        name,
        hostname,
        netns,
        ownsNetns,
        dns,
        dnsSearch,
        dnsOptions,
        extraHosts,
        created,
        value);
  }
}
