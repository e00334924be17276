package dev.junction.kernel;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A forwarding-database entry of a VXLAN device ({@code bridge fdb ... self}): frames for {@code
 * mac} go to the remote tunnel endpoint {@code destination}. The all-zero MAC with a destination is
 * the flood entry for broadcast and unknown unicast.
 *
 * @param permanent true for static entries, false for learned ones
 */
public record FdbEntry(
    String device, MacAddress mac, Optional<IpAddress> destination, boolean permanent) {

  public FdbEntry {
    Objects.requireNonNull(device);
    Objects.requireNonNull(mac);
    Objects.requireNonNull(destination);
  }

  /** A permanent entry sending {@code mac} to {@code destination}. */
  public static FdbEntry permanent(String device, MacAddress mac, IpAddress destination) {
    return new FdbEntry(device, mac, Optional.of(destination), true);
  }
}
