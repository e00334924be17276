package dev.junction.core.controller;

import dev.junction.core.event.CoreEvent;
import dev.junction.core.ipam.PoolSpec;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a controller runs.
 *
 * @param dataRoot where sandbox files live ({@code /var/lib/junction})
 * @param hostNetNs where bridges and the host ends of veths live: the namespace the engine serves
 * @param etcNetns where {@code ip netns exec} looks for per-namespace files ({@code /etc/netns})
 * @param hostResolvConf the host's resolv.conf, the default for sandboxes
 * @param defaultPools the pools networks without a subnet get theirs from
 * @param defaultBridgeName the interface name of the predefined {@code bridge} network
 * @param events where completed changes are reported
 * @param clock the time of creation stamps and events
 */
public record ControllerConfig(
    Path dataRoot,
    NetNs hostNetNs,
    Path etcNetns,
    Path hostResolvConf,
    List<PoolSpec> defaultPools,
    String defaultBridgeName,
    Consumer<CoreEvent> events,
    Clock clock) {

  public ControllerConfig {
    Objects.requireNonNull(dataRoot);
    Objects.requireNonNull(hostNetNs);
    Objects.requireNonNull(etcNetns);
    Objects.requireNonNull(hostResolvConf);
    defaultPools = List.copyOf(defaultPools);
    Objects.requireNonNull(defaultBridgeName);
    Objects.requireNonNull(events);
    Objects.requireNonNull(clock);
  }

  /**
   * The defaults of a daemon on this host: Docker's pools, /etc files, bridge {@code junction0}.
   */
  public static ControllerConfig defaults(Path dataRoot, NetNs hostNetNs) {
    return new ControllerConfig(
        dataRoot,
        hostNetNs,
        Path.of("/etc/netns"),
        Path.of("/etc/resolv.conf"),
        dev.junction.core.ipam.AddressSpace.dockerLocalDefaults(),
        "junction0",
        event -> {},
        Clock.systemUTC());
  }

  public ControllerConfig withEvents(Consumer<CoreEvent> value) {
    return new ControllerConfig(
        dataRoot,
        hostNetNs,
        etcNetns,
        hostResolvConf,
        defaultPools,
        defaultBridgeName,
        value,
        clock);
  }

  public ControllerConfig withEtcNetns(Path value) {
    return new ControllerConfig(
        dataRoot, hostNetNs, value, hostResolvConf, defaultPools, defaultBridgeName, events, clock);
  }

  public ControllerConfig withHostResolvConf(Path value) {
    return new ControllerConfig(
        dataRoot, hostNetNs, etcNetns, value, defaultPools, defaultBridgeName, events, clock);
  }

  public ControllerConfig withDefaultPools(List<PoolSpec> value) {
    return new ControllerConfig(
        dataRoot, hostNetNs, etcNetns, hostResolvConf, value, defaultBridgeName, events, clock);
  }
}
