package dev.junction.core.ipam;

import dev.junction.core.error.ConflictException;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All subnets of one scope (local or global), none overlapping another, and the default pools that
 * subnets are picked from when a network gives none. Thread-safe.
 *
 * <p>In memory only: the engine rebuilds it at every start by reserving each stored network's
 * subnets with their stored options, then each stored endpoint address (see the package comment).
 */
public final class AddressSpace {

  private final List<PoolSpec> defaultPools;

  /** By prefix: reserved subnets never overlap, so their prefixes are distinct. */
  private final TreeMap<IpPrefix, Subnet> subnets = new TreeMap<>();

  /** A space that picks automatic subnets from {@code defaultPools}, in order. */
  public AddressSpace(List<PoolSpec> defaultPools) {
    this.defaultPools = List.copyOf(defaultPools);
  }

  /**
   * Docker's local-scope default pools, in Docker's order: 172.17.0.0/16, 172.18.0.0/16,
   * 172.19.0.0/16; 172.20.0.0/14, 172.24.0.0/14 and 172.28.0.0/14 split into /16s; 192.168.0.0/16
   * split into /20s. 31 subnets in all.
   */
  public static List<PoolSpec> dockerLocalDefaults() {
    return List.of(
        pool("172.17.0.0/16", 16),
        pool("172.18.0.0/16", 16),
        pool("172.19.0.0/16", 16),
        pool("172.20.0.0/14", 16),
        pool("172.24.0.0/14", 16),
        pool("172.28.0.0/14", 16),
        pool("192.168.0.0/16", 20));
  }

  /** Docker's global-scope (overlay) default pool: 10.0.0.0/8 split into /24s. */
  public static List<PoolSpec> dockerGlobalDefaults() {
    return List.of(pool("10.0.0.0/8", 24));
  }

  private static PoolSpec pool(String base, int size) {
    return new PoolSpec(IpPrefix.parse(base), size);
  }

  /**
   * Reserves the first default-pool prefix of {@code family} that overlaps neither a subnet of this
   * space nor any of {@code avoid} (the engine passes the host's routes, so that a network does not
   * shadow a network the host reaches). A {@code /0} in {@code avoid}, a default route, is ignored:
   * it overlaps everything. The options may ask for serial allocation or no gateway; a range,
   * gateway or aux address needs a subnet given by the user.
   *
   * @throws InvalidParameterException when the options name a range, gateway or aux address
   * @throws ConflictException when every default pool of the family is taken
   */
  public synchronized Subnet allocateSubnet(
      String owner, IpFamily family, Collection<IpPrefix> avoid, SubnetOptions options) {
    Subnet.requireName(owner, "owner");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(options, "options");
    if (options.range().isPresent()
        || options.gateway().isPresent()
        || !options.auxAddresses().isEmpty()) {
      throw new InvalidParameterException(
          "network "
              + Subnet.quote(owner)
              + ": an ip-range, gateway or aux address needs a subnet, give one with --subnet");
    }
    List<IpPrefix> taken = new ArrayList<>();
    for (IpPrefix prefix : subnets.keySet()) {
      if (prefix.family() == family) {
        taken.add(prefix);
      }
    }
    for (IpPrefix prefix : avoid) {
      if (prefix.family() == family && !prefix.isDefault()) {
        taken.add(prefix);
      }
    }
    AddressIntervals takenIntervals = AddressIntervals.of(taken);
    for (PoolSpec pool : defaultPools) {
      if (pool.family() != family) {
        continue;
      }
      Optional<IpPrefix> free = pool.firstFree(takenIntervals);
      if (free.isPresent()) {
        Subnet subnet = Subnet.create(owner, free.get(), options);
        subnets.put(subnet.prefix(), subnet);
        return subnet;
      }
    }
    throw new ConflictException(
        "could not find an available, non-overlapping "
            + family
            + " address pool among the defaults to assign to network "
            + Subnet.quote(owner));
  }

  /**
   * Reserves the subnet a user gave ({@code --subnet}), or a stored one at start. Everything is
   * checked before anything is reserved: a refused request leaves the space as it was.
   *
   * @throws InvalidParameterException when the subnet is too small or an option does not fit it
   * @throws ForbiddenException when it overlaps a subnet of this space, naming its network (403, as
   *     Docker answers "pool overlaps")
   */
  public synchronized Subnet reserveSubnet(String owner, IpPrefix prefix, SubnetOptions options) {
    Subnet subnet = Subnet.create(owner, prefix, options);
    for (Subnet other : subnets.values()) {
      if (other.prefix().overlaps(prefix)) {
        throw new ForbiddenException(
            "network "
                + Subnet.quote(owner)
                + ": subnet "
                + prefix
                + " overlaps network "
                + Subnet.quote(other.owner())
                + " ("
                + other.prefix()
                + ")");
      }
    }
    subnets.put(prefix, subnet);
    return subnet;
  }

  /**
   * Releases a subnet with every address in it. The handle is dead afterwards.
   *
   * @throws IllegalStateException when the subnet is not reserved here (released twice, or from
   *     another space): a bug in the caller
   */
  public synchronized void releaseSubnet(Subnet subnet) {
    if (subnets.get(subnet.prefix()) != subnet) {
      throw new IllegalStateException(subnet + " is not reserved in this address space");
    }
    subnets.remove(subnet.prefix());
    subnet.markReleased();
  }

  /** The reserved subnets, IPv4 before IPv6, each family by address. */
  public synchronized List<Subnet> subnets() {
    return List.copyOf(subnets.values());
  }

  /** The subnet reserved with exactly this prefix. */
  public synchronized Optional<Subnet> find(IpPrefix prefix) {
    return Optional.ofNullable(subnets.get(prefix));
  }

  /**
   * Refuses an address that is not link-local, for {@code --link-local-ip}. Link-local addresses
   * are not managed by IPAM: the user picks them and the kernel detects duplicates, as in Docker.
   *
   * @throws InvalidParameterException when {@code address} is outside 169.254.0.0/16 and fe80::/10
   */
  public static void requireLinkLocal(IpAddress address) {
    Objects.requireNonNull(address, "address");
    if (!address.isLinkLocal()) {
      throw new InvalidParameterException(
          "invalid link-local IP address "
              + address
              + ": link-local addresses are in 169.254.0.0/16 (IPv4) and fe80::/10 (IPv6)");
    }
  }
}
