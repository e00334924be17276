package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * An in-memory {@link Kernel} that answers as Linux does, errors included, for fast tests. Nothing
 * touches the machine: namespaces are entries in a map, not files.
 *
 * <p>Beyond the kernel interface it offers fault injection ({@link #failNext}), a log of the
 * changes made ({@link #log()}), and hooks to play the rest of the system: a kernel without a
 * driver ({@link #withoutLinkKind}), namespaces made by someone else ({@link #addExternalNetNs})
 * and namespaces whose last process exits ({@link #destroyNetNs}).
 *
 * <p>What the fake cannot judge: nftables rule text is never parsed, so a rule nft would reject is
 * only caught by the real kernel. Kernel-made state the engine never asks for (IPv6 link-local
 * addresses and their routes, learned neighbours, local-table routes) is not modelled.
 *
 * <p>Thread-safe: one lock guards everything. {@link #close()} changes nothing, so a test can
 * "restart" an engine on the same kernel state.
 */
public final class FakeKernel implements Kernel {

  /** Where {@code ip netns} keeps named namespaces. */
  public static final Path DEFAULT_NETNS_DIRECTORY = Path.of("/run/netns");

  /** The operations of {@link Kernel} and {@link NetStack} that {@link #failNext} can fail. */
  public enum Op {
    CREATE_NETNS,
    OPEN_NETNS,
    DELETE_NETNS,
    ADD_LINK,
    DELETE_LINK,
    DELETE_LINK_GROUP,
    FIND_LINK,
    LIST_LINKS,
    SET_UP,
    SET_MTU,
    SET_MAC,
    SET_MASTER,
    SET_NOMASTER,
    RENAME,
    MOVE_NETNS,
    SET_GROUP,
    ADD_ALTNAME,
    ADD_ADDRESS,
    DELETE_ADDRESS,
    LIST_ADDRESSES,
    ADD_ROUTE,
    REPLACE_ROUTE,
    DELETE_ROUTE,
    LIST_ROUTES,
    ADD_NEIGHBOR,
    DELETE_NEIGHBOR,
    LIST_NEIGHBORS,
    APPEND_FDB,
    DELETE_FDB,
    LIST_FDB,
    READ_SYSCTL,
    WRITE_SYSCTL,
    APPLY_NFT,
    FIND_NFT_TABLE,
    LIST_NFT_TABLES
  }

  private static final String INJECTED = "injected by FakeKernel";

  private final ReentrantLock lock = new ReentrantLock();
  private final Path netNsDirectory;
  private final Map<Path, Namespace> namespaces = new HashMap<>();
  private final Map<Op, ArrayDeque<Errno>> failures = new EnumMap<>(Op.class);
  private int changesBeforeFailure = -1; // guarded by lock; -1: no failure planned
  private Errno changeFailure; // guarded by lock
  private final List<String> log = new ArrayList<>();
  private final Set<String> missingLinkKinds = new HashSet<>();

  // Seeded, so that a test sees the same MACs on every run.
  private final RandomGenerator random = new SplittableRandom(0x6a756e6374696f6eL);

  /** A fake kernel with named namespaces in {@link #DEFAULT_NETNS_DIRECTORY}. */
  public FakeKernel() {
    this(DEFAULT_NETNS_DIRECTORY);
  }

  /**
   * A fake kernel with named namespaces in {@code netNsDirectory}. The current namespace has {@code
   * lo} up with its loopback addresses, as in any running system.
   */
  public FakeKernel(Path netNsDirectory) {
    this.netNsDirectory = netNsDirectory.toAbsolutePath().normalize();
    Namespace current = new Namespace(NetNs.current());
    current.bringUp(current.require("lo"));
    namespaces.put(NetNs.CURRENT_PATH, current);
  }

  // ---- what only the fake has

  /**
   * Makes the next call of {@code operation}, in any namespace, throw a {@link KernelException}
   * with {@code errno} and change nothing. Calls queue up: each failure is used once, in order.
   * Arguments the real implementation refuses before reaching the kernel (with {@link
   * IllegalArgumentException}) are still refused first, without using up the failure.
   */
  public void failNext(Op operation, Errno errno) {
    Objects.requireNonNull(operation);
    Objects.requireNonNull(errno);
    lock.lock();
    try {
      failures.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(errno);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The changes made so far, in order, each as its command line prefixed by the namespace's name:
   * {@code "sb1: ip link add veth0 type veth peer name eth0 netns /run/netns/sb2"}. Failed calls
   * and reads are not logged; calls that succeed without changing anything (deleting an empty link
   * group) are.
   */
  public List<String> log() {
    lock.lock();
    try {
      return List.copyOf(log);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the changes logged so far, so that a test can count from a known point. */
  public void clearLog() {
    lock.lock();
    try {
      log.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Plays a kernel built without the driver for {@code kind} ({@code "dummy"}, {@code "vxlan"},
   * ...): creating such a link fails with {@link Errno#EOPNOTSUPP} "Unknown device type".
   */
  public void withoutLinkKind(String kind) {
    Objects.requireNonNull(kind);
    lock.lock();
    try {
      missingLinkKinds.add(kind);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a namespace someone else made (a container runtime's {@code /proc/PID/ns/net}, a file
   * outside the netns directory), so that {@link #openNetNs} finds it. It starts as any new
   * namespace does, with {@code lo} down.
   *
   * @throws IllegalArgumentException when the path already stands for a namespace
   */
  public NetNs addExternalNetNs(Path path) {
    NetNs ns = new NetNs(path);
    lock.lock();
    try {
      if (namespaces.containsKey(ns.path())) {
        throw new IllegalArgumentException(ns + " is already known to the fake kernel");
      }
      namespaces.put(ns.path(), new Namespace(ns));
      return ns;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes a namespace vanish as when its last process exits: its links are deleted, with the veth
   * peers, macvlans and vxlans elsewhere that depend on them, and its path no longer opens.
   *
   * @throws IllegalArgumentException for an unknown namespace or the current one
   */
  public void destroyNetNs(NetNs ns) {
    lock.lock();
    try {
      Namespace namespace = namespaces.get(ns.path());
      if (namespace == null || ns.isCurrent()) {
        throw new IllegalArgumentException(ns + " cannot be destroyed: it is unknown or current");
      }
      destroy(namespace);
    } finally {
      lock.unlock();
    }
  }

  private void destroy(Namespace namespace) {
    namespaces.remove(namespace.handle.path());
    for (FakeLink link : List.copyOf(namespace.links())) {
      if (link.namespace == namespace) {
        LinkCommands.remove(link);
      }
    }
  }

  // ---- Kernel

  @Override
  public Path netNsDirectory() {
    return netNsDirectory;
  }

  @Override
  public NetNs createNetNs(String name) {
    NetNs.requireValidName(name);
    NetNs ns = new NetNs(netNsDirectory.resolve(name));
    String operation = "ip netns add " + name;
    return locked(
        Op.CREATE_NETNS,
        operation,
        name + ": " + operation,
        () -> {
          if (namespaces.containsKey(ns.path())) {
            throw new Refusal(Errno.EEXIST, "namespace exists");
          }
          namespaces.put(ns.path(), new Namespace(ns));
          return ns;
        });
  }

  @Override
  public NetNs openNetNs(Path path) {
    NetNs ns = new NetNs(path);
    return locked(
        Op.OPEN_NETNS,
        "enter netns " + ns.path(),
        null,
        () -> {
          requireNamespace(ns);
          return ns;
        });
  }

  @Override
  public void deleteNetNs(NetNs ns) {
    if (!netNsDirectory.equals(ns.path().getParent())) {
      throw new IllegalArgumentException(
          "network namespace "
              + ns.path()
              + " is not in "
              + netNsDirectory
              + "; only named namespaces are deleted");
    }
    String operation = "ip netns delete " + ns.name();
    locked(
        Op.DELETE_NETNS,
        operation,
        ns.name() + ": " + operation,
        () -> {
          destroy(requireNamespace(ns));
          return null;
        });
  }

  @Override
  public List<NetNs> listNetNs() {
    lock.lock();
    try {
      return namespaces.keySet().stream()
          .filter(path -> netNsDirectory.equals(path.getParent()))
          .sorted()
          .map(NetNs::new)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Nothing to release: the fake holds no sockets or threads. */
  @Override
  public void release(NetNs ns) {}

  /** The stack of {@code ns}; if the namespace does not exist, each operation fails ENOENT. */
  @Override
  public NetStack stack(NetNs ns) {
    return new FakeStack(this, Objects.requireNonNull(ns));
  }

  /** Changes nothing: the fake stays usable, as the kernel outlives the engine. */
  @Override
  public void close() {}

  // ---- for the rest of the package

  /**
   * A {@link NetStack} operation in {@code ns}: a change is logged as {@code logEntry} against the
   * namespace, a read passes null.
   */
  <T> T call(NetNs ns, Op op, String operation, String logEntry, Function<Namespace, T> body) {
    return locked(
        op,
        operation,
        logEntry == null ? null : ns.name() + ": " + logEntry,
        () -> body.apply(requireNamespace(ns)));
  }

  /**
   * Makes the change {@code n} changes from now (0: the next one) fail with {@code errno} and
   * change nothing, whatever operation it is; calls that only read do not count. Undo tests run an
   * operation once to count its changes ({@link #log()}), then fail each in turn.
   */
  public void failChange(int n, Errno errno) {
    if (n < 0) {
      throw new IllegalArgumentException("change number must not be negative: " + n);
    }
    Objects.requireNonNull(errno);
    lock.lock();
    try {
      changesBeforeFailure = n;
      changeFailure = errno;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs an operation under the lock: an injected failure first, then the body, whose {@link
   * Refusal} becomes the kernel's error for {@code operation}.
   */
  private <T> T locked(Op op, String operation, String logEntry, Supplier<T> body) {
    lock.lock();
    try {
      takeFailure(op, operation);
      if (logEntry != null && changesBeforeFailure >= 0 && changesBeforeFailure-- == 0) {
        throw new KernelException(changeFailure.number(), operation, INJECTED);
      }
      T result = body.get();
      if (logEntry != null) {
        log.add(logEntry);
      }
      return result;
    } catch (Refusal refusal) {
      throw refusal.toKernelException(operation);
    } finally {
      lock.unlock();
    }
  }

  private void takeFailure(Op op, String operation) {
    ArrayDeque<Errno> queued = failures.get(op);
    Errno errno = queued == null ? null : queued.poll();
    if (errno != null) {
      throw new KernelException(errno.number(), operation, INJECTED);
    }
  }

  /** The namespace, or ENOENT as opening its file would give. */
  Namespace requireNamespace(NetNs ns) {
    Namespace namespace = namespaces.get(ns.path());
    if (namespace == null) {
      throw new Refusal(Errno.ENOENT, "no network namespace at " + ns.path());
    }
    return namespace;
  }

  MacAddress randomMac() {
    return MacAddress.randomLocal(random);
  }

  boolean supportsLinkKind(String kind) {
    return !missingLinkKinds.contains(kind);
  }
}
