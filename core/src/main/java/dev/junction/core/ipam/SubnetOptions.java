package dev.junction.core.ipam;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a subnet is configured beyond its prefix. {@link AddressSpace} checks these against the
 * prefix when the subnet is reserved.
 *
 * @param range {@code --ip-range}: the part of the subnet dynamic allocation draws from; static
 *     addresses may still lie anywhere in the subnet
 * @param gateway {@code --gateway}; when empty, the first address after the network address, as
 *     Docker, unless {@code noGateway}
 * @param auxAddresses {@code --aux-address name=address}: addresses kept from allocation, by name
 * @param serial {@code com.docker.network.ipam.serial}: allocate round-robin, after the last
 *     address allocated, instead of the lowest free one
 * @param noGateway reserve no gateway, for networks that have none (internal or null cases)
 */
public record SubnetOptions(
    Optional<IpPrefix> range,
    Optional<IpAddress> gateway,
    Map<String, IpAddress> auxAddresses,
    boolean serial,
    boolean noGateway) {

  /** No range, the default gateway, no aux addresses, lowest-free allocation. */
  public static final SubnetOptions DEFAULTS =
      new SubnetOptions(Optional.empty(), Optional.empty(), Map.of(), false, false);

  public SubnetOptions {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(gateway, "gateway");
    auxAddresses = Map.copyOf(auxAddresses);
  }

  public SubnetOptions withRange(IpPrefix range) {
    return new SubnetOptions(Optional.of(range), gateway, auxAddresses, serial, noGateway);
  }

  public SubnetOptions withGateway(IpAddress gateway) {
    return new SubnetOptions(range, Optional.of(gateway), auxAddresses, serial, noGateway);
  }

  /** These options with one more aux address; a name given twice is refused. */
  public SubnetOptions withAuxAddress(String name, IpAddress address) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    if (auxAddresses.containsKey(name)) {
      throw new InvalidParameterException("aux address \"" + name + "\" is given twice");
    }
    Map<String, IpAddress> more = new HashMap<>(auxAddresses);
    more.put(name, address);
    return new SubnetOptions(range, gateway, more, serial, noGateway);
  }

  public SubnetOptions withSerial(boolean serial) {
    return new SubnetOptions(range, gateway, auxAddresses, serial, noGateway);
  }

  public SubnetOptions withNoGateway(boolean noGateway) {
    return new SubnetOptions(range, gateway, auxAddresses, serial, noGateway);
  }
}
