package dev.junction.core.driver;

import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.store.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the data plane of one network type: the steps of {@code cnm.md}. The controller calls
 * these methods under its locks, with validated input, and undoes completed steps itself when a
 * later one fails; a driver method either completes or changes nothing it leaves behind.
 */
public interface NetworkDriver {

  /** The name networks are created with ({@code -d bridge}). */
  String name();

  /** Where the driver's networks exist: on one host, or on every host of a cluster. */
  Scope scope();

  /** Whether networks of this driver get subnets and endpoints get addresses. */
  boolean usesIpam();

  /**
   * Checks driver options before anything is created and returns them as stored (defaults filled in
   * where the driver has them).
   *
   * @throws dev.junction.core.error.InvalidParameterException naming any unknown option or bad
   *     value
   */
  Map<String, String> validateOptions(String networkName, Map<String, String> options);

  /** Checks the whole network (options, flags and subnets together) before it is created. */
  default void validateNetwork(Network network) {}

  /** How many endpoints a network can have; the controller refuses more. */
  default int maxEndpoints() {
    return Integer.MAX_VALUE;
  }

  /** The prefix of the endpoint interface names in sandboxes ({@code eth}). */
  default String interfacePrefix(Network network) {
    return "eth";
  }

  void createNetwork(NetworkContext network);

  /** Removes what {@link #createNetwork} built; the network has no endpoints. */
  void deleteNetwork(NetworkContext network);

  /** Creates the endpoint's interface, inside the sandbox's namespace. */
  void createEndpoint(NetworkContext network, EndpointContext endpoint);

  /**
   * Removes the endpoint's interface. Must be quick: links whose deletion is slow in the kernel are
   * taken out of use at once (addresses off, detached, renamed) and deleted later in batches.
   */
  void deleteEndpoint(NetworkContext network, EndpointContext endpoint);

  /** The endpoint joins its sandbox: returns the gateways it offers. */
  JoinInfo join(NetworkContext network, EndpointContext endpoint);

  /** Undoes {@link #join}. */
  default void leave(NetworkContext network, EndpointContext endpoint) {}

  /** The endpoint became its sandbox's way out: publish its ports, set up its NAT. */
  default void programExternalConnectivity(NetworkContext network, EndpointContext endpoint) {}

  /** Undoes {@link #programExternalConnectivity}. */
  default void revokeExternalConnectivity(NetworkContext network, EndpointContext endpoint) {}

  /**
   * Compares what {@link #createNetwork} built with what the kernel has now: one sentence per
   * difference, none when they agree.
   */
  default List<String> checkNetwork(NetworkContext network) {
    return List.of();
  }

  /**
   * Rebuilds what {@link #checkNetwork} found missing or changed, keeping what is there (a restart
   * must not disturb running traffic); {@code endpoints} are the network's, whose links may need
   * attaching again.
   */
  default void repairNetwork(NetworkContext network, List<Endpoint> endpoints) {}

  /**
   * Rebuilds what {@link #checkEndpoint} found missing or changed, keeping what is there; the
   * endpoint's addresses included. The controller sets the sandbox's routes afterwards.
   */
  default void repairEndpoint(NetworkContext network, EndpointContext endpoint) {}

  /** The same for what {@link #createEndpoint} and {@link #join} built for an endpoint. */
  default List<String> checkEndpoint(NetworkContext network, EndpointContext endpoint) {
    return List.of();
  }

  /**
   * The links of Junction's {@link LinkGroups#LIVE} group in the host namespace that the network
   * and its endpoints own; a link of that group that no network owns is a stray.
   */
  default Set<String> hostLinks(Network network, List<Endpoint> endpoints) {
    return Set.of();
  }
}
