package dev.junction.core.controller;

import dev.junction.core.model.ExtraHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sandbox to create.
 *
 * @param hostname empty for the first 12 characters of the ID, as Docker
 * @param netns an existing namespace to adopt ({@code /proc/PID/ns/net}, a bind mount); empty to
 *     create {@code <netns dir>/<name>}
 */
public record SandboxRequest(
    String name,
    Optional<String> hostname,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<ExtraHost> extraHosts,
    Optional<Path> netns) {

  public SandboxRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostname);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    dnsOptions = List.copyOf(dnsOptions);
    extraHosts = List.copyOf(extraHosts);
    Objects.requireNonNull(netns);
  }

  public static SandboxRequest named(String name) {
    return new SandboxRequest(
        name, Optional.empty(), List.of(), List.of(), List.of(), List.of(), Optional.empty());
  }

  public SandboxRequest withHostname(String value) {
    return new SandboxRequest(
        name, Optional.of(value), dns, dnsSearch, dnsOptions, extraHosts, netns);
  }

  public SandboxRequest withDns(List<String> servers, List<String> search, List<String> options) {
    return new SandboxRequest(name, hostname, servers, search, options, extraHosts, netns);
  }

  public SandboxRequest withExtraHosts(List<ExtraHost> values) {
    return new SandboxRequest(name, hostname, dns, dnsSearch, dnsOptions, values, netns);
  }

  public SandboxRequest adopting(Path path) {
    return new SandboxRequest(
        name, hostname, dns, dnsSearch, dnsOptions, extraHosts, Optional.of(path));
  }
}
