package dev.junction.netlink;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.netlink.codec.Netlink;
import dev.junction.netlink.sys.Libc;
import dev.junction.netlink.sys.LinkIndexSocket;
import dev.junction.netlink.sys.NetlinkSocket;
import dev.junction.netlink.sys.Nftables;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one platform thread that lives in a namespace, and the resources it opened there: the
 * rtnetlink socket, an ioctl socket for index lookups, the libnftables context, and a descriptor of
 * the namespace that other namespaces use to place links in this one.
 *
 * <p>The thread enters its namespace once, at start, and never leaves: it ends instead. So no other
 * code ever runs inside a namespace by accident, and no virtual or pooled thread calls {@code
 * setns}.
 *
 * <p>Sockets and nft contexts stay bound to the namespace they were opened in, whichever thread
 * uses them, so {@link #call} runs a request on the caller's own thread, holding the actor's lock:
 * that spares every operation a thread handoff (~10 µs, as much as the kernel work itself for a
 * link or address change). What depends on the calling thread's namespace (opening {@code
 * /proc/sys/net} files by path, creating the nft context) runs on the actor thread through {@link
 * #callInside}; a link's IPv6 sysctls, which every connect writes, are opened relative to a
 * directory the actor opened inside the namespace ({@link Context#ipv6Conf}) instead.
 */
final class NamespaceActor {

  /** How the thread gets into its namespace. */
  sealed interface Entry {
    /** Enter the namespace a file refers to ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}). */
    record Open(Path path) implements Entry {}

    /** Enter a namespace through a descriptor the caller keeps open. */
    record Descriptor(int fd) implements Entry {}

    /** Make a new namespace and bind-mount it on {@code file}, which must not exist. */
    record Create(Path file) implements Entry {}
  }

  /** What a request sees: the namespace's resources, used while holding the actor's lock. */
  interface Context {
    NetlinkSocket rtnl();

    /** The index of link {@code name}; {@link Errno#ENODEV} against {@code operation} if none. */
    int indexOf(String name, String operation);

    Nftables nftables();

    /**
     * A descriptor of the namespace's {@code /proc/sys/net/ipv6/conf} directory, or -1 when the
     * kernel has no IPv6. Which namespace a {@code /proc/sys/net} path means depends on the thread
     * that opens it, but a file opened relative to this directory is always this namespace's: any
     * thread can set a link's IPv6 sysctls through it, without switching to the actor's thread.
     */
    int ipv6Conf();
  }

  private static final Runnable STOP = () -> {};

  private final String label;
  private final Thread thread;
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();

  /** Guards the deletion socket, so that slow deletions do not hold up everything else. */
  private final ReentrantLock deletionLock = new ReentrantLock();

  private boolean stopped; // guarded by lock

  /** The threads of all actors: the only threads of the process outside its own namespace. */
  private static final Set<Thread> ACTOR_THREADS = ConcurrentHashMap.newKeySet();

  /**
   * What {@code net.ipv6.conf.default.disable_ipv6} of the namespace is, once read or written
   * through this layer; null until then. Links registered in the namespace start from it.
   */
  private volatile Boolean ipv6DisabledByDefault;

  // Set up by the actor thread before `started` completes, which publishes them.
  private int namespaceFd = -1;
  private boolean ownsNamespaceFd;
  private NetlinkSocket rtnl;
  private NetlinkSocket deletions;
  private LinkIndexSocket indexes;
  private int ipv6Conf = -1;
  private Nftables nftables; // guarded by lock; created inside the namespace on first use

  private final Context context =
      new Context() {
        @Override
        public NetlinkSocket rtnl() {
          return rtnl;
        }

        @Override
        public int indexOf(String name, String operation) {
          return indexes.indexOf(name, operation);
        }

        @Override
        public int ipv6Conf() {
          return ipv6Conf;
        }

        @Override
        public Nftables nftables() {
          if (nftables == null) {
            nftables = callInside(ignored -> Nftables.open());
          }
          return nftables;
        }
      };

  private NamespaceActor(String label, Entry entry) {
    this.label = label;
    this.thread = Thread.ofPlatform().name("netns " + label).daemon().unstarted(() -> run(entry));
  }

  /** Starts the thread and waits until it is inside the namespace, or fails with its reason. */
  static NamespaceActor start(String label, Entry entry) {
    NamespaceActor actor = new NamespaceActor(label, entry);
    actor.thread.start();
    try {
      actor.started.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KernelException(Errno.EINTR.number(), "enter " + label, "interrupted");
    }
    return actor;
  }

  private void run(Entry entry) {
    ACTOR_THREADS.add(Thread.currentThread());
    try {
      serve(entry);
    } finally {
      ACTOR_THREADS.remove(Thread.currentThread());
    }
  }

  private void serve(Entry entry) {
    try {
      enter(entry);
      rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
      deletions = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
      indexes = LinkIndexSocket.open();
      ipv6Conf = openIpv6Conf();
    } catch (RuntimeException | Error e) {
      releaseResources();
      started.completeExceptionally(e);
      return;
    }
    started.complete(null);
    try {
      for (Runnable task = tasks.take(); task != STOP; task = tasks.take()) {
        task.run();
      }
    } catch (InterruptedException e) {
      // Nothing interrupts this thread; if something does, stop as if asked to.
    } finally {
      lock.lock();
      deletionLock.lock();
      try {
        releaseResources();
      } finally {
        deletionLock.unlock();
        lock.unlock();
      }
    }
  }

  private void enter(Entry entry) {
    switch (entry) {
      case Entry.Open(Path path) -> {
        namespaceFd = Libc.open(path.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        ownsNamespaceFd = true;
        try {
          Libc.setns(namespaceFd, Libc.CLONE_NEWNET);
        } catch (KernelException e) {
          throw new KernelException(e.errno(), "enter netns " + path, "not a network namespace");
        }
      }
      case Entry.Descriptor(int fd) -> {
        namespaceFd = fd;
        ownsNamespaceFd = false;
        Libc.setns(fd, Libc.CLONE_NEWNET);
      }
      case Entry.Create(Path file) -> {
        Libc.unshare(Libc.CLONE_NEWNET);
        String target = file.toString();
        String operation = "ip netns add " + file.getFileName();
        try {
          Libc.close(
              Libc.open(target, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, 0));
        } catch (KernelException e) {
          throw new KernelException(
              e.errno(), operation, e.is(Errno.EEXIST) ? "namespace exists" : "");
        }
        try {
          Libc.bindMount("/proc/thread-self/ns/net", target);
        } catch (KernelException e) {
          Libc.unlink(target);
          throw new KernelException(e.errno(), operation, "bind mount failed");
        }
        namespaceFd = Libc.open(target, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        ownsNamespaceFd = true;
      }
    }
  }

  private static int openIpv6Conf() {
    try {
      return Libc.open(
          "/proc/sys/net/ipv6/conf", Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
    } catch (KernelException e) {
      return -1; // no IPv6 in this kernel: its sysctls go the slow way, and fail there
    }
  }

  private void releaseResources() {
    if (ipv6Conf >= 0) {
      Libc.close(ipv6Conf);
      ipv6Conf = -1;
    }
    if (nftables != null) {
      nftables.close();
      nftables = null;
    }
    if (indexes != null) {
      indexes.close();
      indexes = null;
    }
    if (rtnl != null) {
      rtnl.close();
      rtnl = null;
    }
    if (deletions != null) {
      deletions.close();
      deletions = null;
    }
    if (ownsNamespaceFd && namespaceFd >= 0) {
      Libc.close(namespaceFd);
    }
    namespaceFd = -1;
  }

  private KernelException released() {
    return new KernelException(Errno.EBADF.number(), "use " + label, "the namespace was released");
  }

  /**
   * Runs {@code request} on the calling thread with this namespace's resources, one request at a
   * time; its exception is rethrown.
   */
  <T> T call(Function<Context, T> request) {
    lock.lock();
    try {
      if (stopped) {
        throw released();
      }
      return request.apply(context);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a link deletion on a socket of its own. Deleting a link makes the deleting thread wait for
   * the kernel to let go of the device (an RCU grace period, about 20 ms) after it has released its
   * networking lock; on the shared socket, that wait would hold up every other request to this
   * namespace.
   */
  <T> T callDeletion(Function<NetlinkSocket, T> request) {
    deletionLock.lock();
    try {
      if (deletions == null) {
        throw released();
      }
      return request.apply(deletions);
    } finally {
      deletionLock.unlock();
    }
  }

  /**
   * Whether the calling thread is in the namespace the process started in: true on every thread but
   * the actors', which never hand their namespace to another task.
   */
  static boolean inProcessNamespace() {
    return !ACTOR_THREADS.contains(Thread.currentThread());
  }

  Boolean ipv6DisabledByDefault() {
    return ipv6DisabledByDefault;
  }

  void ipv6DisabledByDefault(boolean disabled) {
    ipv6DisabledByDefault = disabled;
  }

  /** Runs {@code task} on the actor thread, inside the namespace, and returns its result. */
  <T> T callInside(Function<Context, T> task) {
    if (Thread.currentThread() == thread) {
      return task.apply(context);
    }
    FutureTask<T> future = new FutureTask<>(() -> task.apply(context));
    lock.lock();
    try {
      if (stopped) {
        throw released();
      }
      tasks.add(future);
    } finally {
      lock.unlock();
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KernelException(Errno.EINTR.number(), "use " + label, "interrupted");
    }
  }

  /** The namespace descriptor, for placing links in this namespace from another one. */
  int namespaceFd() {
    return namespaceFd;
  }

  /**
   * Stops the thread once the tasks already queued have run, and waits for it to close everything.
   */
  void stop() {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      tasks.add(STOP);
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
