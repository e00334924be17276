package dev.junction.core.model;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One subnet of a network, as resolved at creation: Docker's {@code IPAMConfig}.
 *
 * @param subnet the subnet, chosen from the default pools when the user gave none
 * @param ipRange where dynamic addresses come from, when narrower than the subnet
 * @param gateway the gateway address (empty on networks without one)
 * @param auxAddresses addresses reserved by name ({@code --aux-address host1=10.0.0.2})
 * @param userConfigured true when the user chose the subnet; static addresses need it
 */
public record SubnetConfig(
    IpPrefix subnet,
    Optional<IpPrefix> ipRange,
    Optional<IpAddress> gateway,
    Map<String, IpAddress> auxAddresses,
    boolean userConfigured) {

  public SubnetConfig {
    Objects.requireNonNull(subnet);
    Objects.requireNonNull(ipRange);
    Objects.requireNonNull(gateway);
    auxAddresses = java.util.Collections.unmodifiableMap(new TreeMap<>(auxAddresses));
  }

  public IpFamily family() {
    return subnet.family();
  }
}
