package dev.junction.netlink;

import dev.junction.kernel.Errno;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.codec.Netlink;
import dev.junction.netlink.sys.Libc;
import dev.junction.netlink.sys.NetlinkSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The kernel, for real: rtnetlink and libnftables in-process, one {@link NamespaceActor} per
 * namespace in use.
 */
public final class NetlinkKernel implements Kernel {

  /** Where {@code ip netns} keeps named namespaces. */
  public static final Path DEFAULT_NETNS_DIRECTORY = Path.of("/run/netns");

  private final Path netNsDirectory;
  private final int currentNamespaceFd;
  private final ConcurrentHashMap<Path, NamespaceActor> actors = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile boolean directoryReady;

  /**
   * Sockets of the current namespace with strict checking on, for reading other namespaces by their
   * id ({@link #lookInto}); each used by one reader at a time, kept for the next.
   */
  private final ConcurrentLinkedQueue<NetlinkSocket> outsideReaders = new ConcurrentLinkedQueue<>();

  private static final int KEPT_OUTSIDE_READERS = 8;

  private NetlinkKernel(Path netNsDirectory, int currentNamespaceFd) {
    this.netNsDirectory = netNsDirectory;
    this.currentNamespaceFd = currentNamespaceFd;
  }

  /** Opens the kernel layer with named namespaces in {@link #DEFAULT_NETNS_DIRECTORY}. */
  public static NetlinkKernel open() {
    return open(DEFAULT_NETNS_DIRECTORY);
  }

  /**
   * Opens the kernel layer. The namespace of the calling thread becomes the "current" one, so call
   * this from an ordinary thread of the process.
   */
  public static NetlinkKernel open(Path netNsDirectory) {
    Path directory = netNsDirectory.toAbsolutePath().normalize();
    int fd = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
    return new NetlinkKernel(directory, fd);
  }

  @Override
  public Path netNsDirectory() {
    return netNsDirectory;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the kernel layer is closed");
    }
  }

  NamespaceActor actor(NetNs ns) {
    requireOpen();
    NamespaceActor actor = actors.get(ns.path());
    if (actor != null) {
      return actor;
    }
    // Start outside computeIfAbsent: starting may block and may fail.
    NamespaceActor.Entry entry =
        ns.isCurrent()
            ? new NamespaceActor.Entry.Descriptor(currentNamespaceFd)
            : new NamespaceActor.Entry.Open(ns.path());
    NamespaceActor started = NamespaceActor.start(ns.name(), entry);
    NamespaceActor raced = actors.putIfAbsent(ns.path(), started);
    if (raced != null) {
      started.stop();
      return raced;
    }
    return started;
  }

  @Override
  public NetNs createNetNs(String name) {
    requireOpen();
    NetNs.requireValidName(name);
    prepareDirectory();
    Path file = netNsDirectory.resolve(name);
    NamespaceActor actor = NamespaceActor.start(name, new NamespaceActor.Entry.Create(file));
    NamespaceActor previous = actors.put(file, actor);
    if (previous != null) {
      previous.stop(); // a handle on a namespace whose file was removed behind our back
    }
    return new NetNs(file);
  }

  /**
   * Makes the netns directory a shared mount point, as {@code ip netns add} does. Were it left a
   * plain directory, the first {@code ip netns add} by anyone would bind-mount the directory over
   * itself and hide the namespace files made before, which could then not be deleted.
   */
  private void prepareDirectory() {
    if (directoryReady) {
      return;
    }
    synchronized (this) {
      if (directoryReady) {
        return;
      }
      try {
        Files.createDirectories(netNsDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + netNsDirectory, e);
      }
      Libc.makeSharedMountPoint(netNsDirectory.toString());
      directoryReady = true;
    }
  }

  @Override
  public NetNs openNetNs(Path path) {
    NetNs ns = new NetNs(path);
    actor(ns);
    return ns;
  }

  @Override
  public void deleteNetNs(NetNs ns) {
    requireOpen();
    Path file = ns.path();
    if (!netNsDirectory.equals(file.getParent())) {
      throw new IllegalArgumentException(
          "network namespace "
              + file
              + " is not in "
              + netNsDirectory
              + "; only named namespaces are deleted");
    }
    release(ns);
    try {
      Libc.umount2(file.toString(), Libc.MNT_DETACH);
    } catch (KernelException e) {
      // EINVAL: the file is not a mount point (a leftover of a failed create); remove it all the
      // same.
      if (!e.is(Errno.EINVAL)) {
        throw new KernelException(e.errno(), "ip netns delete " + ns.name(), e.kernelMessage());
      }
    }
    try {
      Libc.unlink(file.toString());
    } catch (KernelException e) {
      throw new KernelException(e.errno(), "ip netns delete " + ns.name(), e.kernelMessage());
    }
  }

  @Override
  public List<NetNs> listNetNs() {
    if (!Files.isDirectory(netNsDirectory)) {
      return List.of();
    }
    List<NetNs> namespaces = new ArrayList<>();
    try (Stream<Path> files = Files.list(netNsDirectory)) {
      files.sorted().forEach(file -> namespaces.add(new NetNs(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + netNsDirectory, e);
    }
    return namespaces;
  }

  @Override
  public void release(NetNs ns) {
    NamespaceActor actor = actors.remove(ns.path());
    if (actor != null) {
      actor.stop();
    }
  }

  @Override
  public NetStack stack(NetNs ns) {
    requireOpen();
    return new NetlinkNetStack(this, ns, false);
  }

  @Override
  public NetStack lookInto(NetNs ns) {
    requireOpen();
    return new NetlinkNetStack(this, ns, !ns.isCurrent());
  }

  /**
   * Runs {@code read} on a strict socket of the current namespace, without any actor's lock: reads
   * of many namespaces from outside go side by side. A socket whose exchange failed is closed
   * rather than kept, lest a reply left unread meet the next reader.
   */
  <T> T readFromOutside(Function<NetlinkSocket, T> read) {
    requireOpen();
    NetlinkSocket socket = outsideReaders.poll();
    if (socket == null) {
      // A socket belongs to the namespace of the thread that opens it; actor threads are elsewhere.
      socket =
          NamespaceActor.inProcessNamespace()
              ? NetlinkSocket.openStrict(Netlink.NETLINK_ROUTE)
              : actor(NetNs.current())
                  .callInside(ignored -> NetlinkSocket.openStrict(Netlink.NETLINK_ROUTE));
    }
    boolean keep = false;
    try {
      T result = read.apply(socket);
      keep = true;
      return result;
    } catch (KernelException e) {
      keep = e.is(Errno.ENODEV) || e.is(Errno.ENOENT); // answered: nothing left unread
      throw e;
    } finally {
      if (keep && !closed && outsideReaders.size() < KEPT_OUTSIDE_READERS) {
        outsideReaders.add(socket);
      } else {
        socket.close();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (NetlinkSocket socket = outsideReaders.poll();
        socket != null;
        socket = outsideReaders.poll()) {
      socket.close();
    }
    for (Path path : List.copyOf(actors.keySet())) {
      NamespaceActor actor = actors.remove(path);
      if (actor != null) {
        actor.stop();
      }
    }
    Libc.close(currentNamespaceFd);
  }
}
