package dev.junction.kernel;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A neighbour entry: on {@code device}, {@code address} is at {@code mac}.
 *
 * @param mac empty for entries still being resolved
 */
public record Neighbor(
    String device, IpAddress address, Optional<MacAddress> mac, NeighborState state) {

  public Neighbor {
    Objects.requireNonNull(device);
    Objects.requireNonNull(address);
    Objects.requireNonNull(mac);
    Objects.requireNonNull(state);
  }

  /** A permanent entry, as the overlay programs for each remote endpoint. */
  public static Neighbor permanent(String device, IpAddress address, MacAddress mac) {
    return new Neighbor(device, address, Optional.of(mac), NeighborState.PERMANENT);
  }
}
