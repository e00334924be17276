package dev.junction.core.ipam;

import dev.junction.core.error.ConflictException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A subnet reserved in an {@link AddressSpace}, and the addresses allocated in it. Obtained from
 * {@link AddressSpace#allocateSubnet} or {@link AddressSpace#reserveSubnet}; dead once {@link
 * AddressSpace#releaseSubnet released}. Thread-safe.
 *
 * <p>Never allocated: the network address (for IPv6 too, as Docker: there it is the subnet-router
 * anycast address, RFC 4291), the IPv4 broadcast address, the gateway and the aux addresses. The
 * gateway and aux addresses show as held by {@code "gateway"} and {@code "aux:<name>"}.
 *
 * <p>Dynamic allocation draws from the ip-range, or from the whole subnet when there is none; for
 * an IPv6 range or subnet wider than /64 only from its first 2^64 addresses (see {@link
 * AddressWindow#of}). Static allocation takes any address of the subnet, even outside the range, as
 * libnetwork.
 */
public final class Subnet {

  /** The holder shown for the gateway. */
  static final String GATEWAY_HOLDER = "gateway";

  /** The holder shown for an aux address, before its name. */
  static final String AUX_HOLDER_PREFIX = "aux:";

  private final String owner;
  private final IpPrefix prefix;
  private final Optional<IpPrefix> range;
  private final Optional<IpAddress> gateway;
  private final SortedMap<String, IpAddress> auxAddresses;
  private final boolean serial;

  /** The addresses dynamic allocation draws from, and which of them are taken. */
  private final AddressWindow window;

  private final OrdinalRuns taken;

  /**
   * Who holds each held address, in or out of the window: memory in proportion to allocations. The
   * window's runs alone answer "what is free"; this answers "who has it".
   */
  private final Map<IpAddress, String> holders = new HashMap<>();

  /** The gateway and aux addresses: held for the subnet's lifetime, never released one by one. */
  private final Set<IpAddress> reserved = new HashSet<>();

  /** Serial mode: the ordinal after the last dynamic allocation, where the next search starts. */
  private long cursor;

  private boolean released;

  private Subnet(
      String owner,
      IpPrefix prefix,
      Optional<IpPrefix> range,
      Optional<IpAddress> gateway,
      SortedMap<String, IpAddress> auxAddresses,
      boolean serial) {
    this.owner = owner;
    this.prefix = prefix;
    this.range = range;
    this.gateway = gateway;
    this.auxAddresses = Collections.unmodifiableSortedMap(auxAddresses);
    this.serial = serial;
    this.window = AddressWindow.of(range.orElse(prefix));
    this.taken = new OrdinalRuns(window.last());
    window.ordinalOf(prefix.address()).ifPresent(taken::add);
    if (prefix.family() == IpFamily.V4) {
      window.ordinalOf(prefix.lastAddress()).ifPresent(taken::add);
    }
    gateway.ifPresent(address -> hold(address, GATEWAY_HOLDER));
    auxAddresses.forEach((name, address) -> hold(address, AUX_HOLDER_PREFIX + name));
    reserved.addAll(holders.keySet());
  }

  /**
   * The longest prefix a subnet may have: /30 for IPv4 and /126 for IPv6. Such a subnet still holds
   * its network address (and IPv4 broadcast), a gateway and one endpoint or more. libnetwork 20.10
   * accepted longer prefixes but then failed to allocate their gateway ("no available addresses");
   * refusing them up front says why.
   */
  static int longestPrefix(IpFamily family) {
    return family == IpFamily.V4 ? 30 : 126;
  }

  /**
   * Validates the prefix and options and builds the subnet, touching nothing else: the caller
   * checks overlaps before it records the result.
   */
  static Subnet create(String owner, IpPrefix prefix, SubnetOptions options) {
    requireName(owner, "owner");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(options, "options");
    String network = "network " + quote(owner);
    int longest = longestPrefix(prefix.family());
    if (prefix.length() > longest) {
      throw new InvalidParameterException(
          network
              + ": subnet "
              + prefix
              + " is too small: an "
              + prefix.family()
              + " subnet can be at most /"
              + longest
              + ", to hold a gateway and an endpoint besides its network"
              + (prefix.family() == IpFamily.V4 ? " and broadcast addresses" : " address"));
    }
    if (options.range().isPresent() && !prefix.contains(options.range().get())) {
      throw new InvalidParameterException(
          network + ": ip-range " + options.range().get() + " is not inside subnet " + prefix);
    }

    Optional<IpAddress> gateway;
    if (options.noGateway()) {
      if (options.gateway().isPresent()) {
        throw new InvalidParameterException(
            network
                + ": gateway "
                + options.gateway().get()
                + " is given for a network without a gateway");
      }
      gateway = Optional.empty();
    } else if (options.gateway().isPresent()) {
      gateway = options.gateway();
      requireHostAddress(prefix, gateway.get(), network + ": gateway " + gateway.get());
    } else {
      gateway = Optional.of(AddressWindow.of(prefix).addressAt(1));
    }

    // Sorted by name so that which clash is reported does not depend on hash order.
    SortedMap<String, IpAddress> aux = new TreeMap<>(options.auxAddresses());
    Map<IpAddress, String> names = new HashMap<>();
    for (Map.Entry<String, IpAddress> entry : aux.entrySet()) {
      String name = entry.getKey();
      IpAddress address = entry.getValue();
      if (name.isBlank()) {
        throw new InvalidParameterException(
            network + ": aux address " + address + " has no name, expected name=address");
      }
      String label = network + ": aux address " + quote(name) + " (" + address + ")";
      requireHostAddress(prefix, address, label);
      if (gateway.isPresent() && gateway.get().equals(address)) {
        throw new InvalidParameterException(label + " is the gateway address");
      }
      String other = names.putIfAbsent(address, name);
      if (other != null) {
        throw new InvalidParameterException(
            network
                + ": aux addresses "
                + quote(other)
                + " and "
                + quote(name)
                + " are both "
                + address);
      }
    }
    return new Subnet(owner, prefix, options.range(), gateway, aux, options.serial());
  }

  /** Refuses an address outside the prefix, its network address and its IPv4 broadcast address. */
  private static void requireHostAddress(IpPrefix prefix, IpAddress address, String label) {
    if (!prefix.contains(address)) {
      throw new InvalidParameterException(label + " is not inside subnet " + prefix);
    }
    if (address.equals(prefix.address())) {
      throw new InvalidParameterException(label + " is the network address of subnet " + prefix);
    }
    if (prefix.family() == IpFamily.V4 && address.equals(prefix.lastAddress())) {
      throw new InvalidParameterException(label + " is the broadcast address of subnet " + prefix);
    }
  }

  static void requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException("the " + what + " is blank");
    }
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }

  /** The network (the engine's network name) this subnet belongs to. */
  public String owner() {
    return owner;
  }

  public IpPrefix prefix() {
    return prefix;
  }

  public IpFamily family() {
    return prefix.family();
  }

  /** The ip-range, when one was configured. */
  public Optional<IpPrefix> range() {
    return range;
  }

  /** The gateway; empty for a subnet reserved without one. */
  public Optional<IpAddress> gateway() {
    return gateway;
  }

  /** The aux addresses by name, sorted by name. */
  public Map<String, IpAddress> auxAddresses() {
    return auxAddresses;
  }

  /**
   * Allocates a free address for {@code holder}: the lowest free one in the range (or subnet) or,
   * in serial mode, the next free one after the last allocated, wrapping around at the end.
   *
   * @throws ConflictException when no address is free
   */
  public synchronized IpAddress allocate(String holder) {
    requireLive();
    requireName(holder, "holder");
    OptionalLong ordinal = OptionalLong.empty();
    if (serial) {
      ordinal = taken.firstAbsent(cursor, window.last());
    }
    if (ordinal.isEmpty()) {
      ordinal = taken.firstAbsent(0, window.last());
    }
    if (ordinal.isEmpty()) {
      throw new ConflictException(
          "no available "
              + family()
              + " addresses on network "
              + quote(owner)
              + " ("
              + prefix
              + range.map(r -> ", ip-range " + r).orElse("")
              + ")");
    }
    long found = ordinal.getAsLong();
    // Wraps to 0 after the largest ordinal of a 2^64 window, which is where the search restarts.
    cursor = found + 1;
    IpAddress address = window.addressAt(found);
    hold(address, holder);
    return address;
  }

  /**
   * Allocates exactly {@code requested} for {@code holder}: a static address ({@code --ip}), or an
   * address replayed from the store at start. It may lie anywhere in the subnet, even outside the
   * range. It does not move the serial cursor.
   *
   * @throws InvalidParameterException when it is outside the subnet, or its network or broadcast
   *     address
   * @throws ConflictException when someone holds it, naming the holder
   */
  public synchronized IpAddress allocate(IpAddress requested, String holder) {
    requireLive();
    Objects.requireNonNull(requested, "requested");
    requireName(holder, "holder");
    String label = "address " + requested + " on network " + quote(owner);
    requireHostAddress(prefix, requested, label);
    String current = holders.get(requested);
    if (current != null) {
      throw new ConflictException(label + " is in use by " + quote(current));
    }
    hold(requested, holder);
    return requested;
  }

  private void hold(IpAddress address, String holder) {
    holders.put(address, holder);
    window.ordinalOf(address).ifPresent(taken::add);
  }

  /**
   * Frees an allocated address. Freeing an address that is not allocated, or the gateway or an aux
   * address (they go with the subnet), is a bug in the caller.
   *
   * @throws IllegalStateException in those cases
   */
  public synchronized void release(IpAddress address) {
    requireLive();
    String label = "address " + address + " on network " + quote(owner);
    if (reserved.contains(address)) {
      throw new IllegalStateException(
          label + " is held by " + quote(holders.get(address)) + " until the subnet is released");
    }
    if (holders.remove(address) == null) {
      throw new IllegalStateException(label + " is not allocated");
    }
    window.ordinalOf(address).ifPresent(taken::remove);
  }

  /** Who holds the address: an endpoint's holder, {@code "gateway"} or {@code "aux:<name>"}. */
  public synchronized Optional<String> holderOf(IpAddress address) {
    return Optional.ofNullable(holders.get(address));
  }

  /**
   * How many addresses can be allocated in all, by dynamic or static allocation: the subnet's
   * addresses but its network address, IPv4 broadcast, gateway and aux addresses. Dynamic
   * allocation alone may run out sooner, when there is an ip-range.
   */
  public BigInteger size() {
    long unusable = 1 + (family() == IpFamily.V4 ? 1 : 0) + reserved.size();
    return prefix.size().subtract(BigInteger.valueOf(unusable));
  }

  /** How many addresses are allocated, the gateway and aux addresses not counted. */
  public synchronized BigInteger used() {
    return BigInteger.valueOf(holders.size() - reserved.size());
  }

  /** {@link #size()} minus {@link #used()}. */
  public BigInteger free() {
    return size().subtract(used());
  }

  /** Runs in the allocator, for tests that check memory does not grow with the subnet's size. */
  synchronized int runCount() {
    return taken.runCount();
  }

  synchronized void markReleased() {
    released = true;
  }

  private void requireLive() {
    if (released) {
      throw new IllegalStateException(this + " was released");
    }
  }

  @Override
  public String toString() {
    return "subnet " + prefix + " of network " + quote(owner);
  }
}
