package dev.junction.core.model;

import dev.junction.core.id.NetworkId;
import dev.junction.kernel.ip.IpFamily;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A network: a named L2/L3 domain built by one driver.
 *
 * @param driver {@code bridge}, {@code host}, {@code null}, ...
 * @param scope {@code local} or {@code global}, Docker's words
 * @param options driver options, Docker's names ({@code com.docker.network.bridge.name})
 * @param internal no route out: no gateway route in its sandboxes
 * @param predefined one of {@code bridge}, {@code host}, {@code none}: cannot be deleted
 * @param subnets resolved subnets, IPv4 first
 */
public record Network(
    NetworkId id,
    String name,
    String driver,
    String scope,
    Instant created,
    Map<String, String> labels,
    Map<String, String> options,
    boolean internal,
    boolean attachable,
    boolean ipv6,
    boolean predefined,
    List<SubnetConfig> subnets,
    Map<String, String> ipamOptions,
    Lifecycle lifecycle) {

  public Network {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    Objects.requireNonNull(driver);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(created);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    subnets = List.copyOf(subnets);
    ipamOptions = Collections.unmodifiableMap(new TreeMap<>(ipamOptions));
    Objects.requireNonNull(lifecycle);
  }

  public Network withLifecycle(Lifecycle value) {
    return new Network(
        id,
        name,
        driver,
        scope,
        created,
        labels,
        options,
        internal,
        attachable,
        ipv6,
        predefined,
        subnets,
        ipamOptions,
        value);
  }

  /** The first subnet of a family, if the network has one. */
  public Optional<SubnetConfig> subnet(IpFamily family) {
    return subnets.stream().filter(s -> s.family() == family).findFirst();
  }

  /** True when the user chose at least one subnet, which static addresses require (as Docker). */
  public boolean hasUserSubnet() {
    return subnets.stream().anyMatch(SubnetConfig::userConfigured);
  }
}
