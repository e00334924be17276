package dev.junction.daemon;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.ControllerConfig;
import dev.junction.core.store.sqlite.SqliteStore;
import dev.junction.daemon.api.ApiHandler;
import dev.junction.daemon.api.JsonErrorHandler;
import dev.junction.daemon.api.Route;
import dev.junction.daemon.docker.NetworkRoutes;
import dev.junction.daemon.docker.SystemRoutes;
import dev.junction.daemon.events.EventHub;
import dev.junction.daemon.events.EventRoutes;
import dev.junction.daemon.metrics.Metrics;
import dev.junction.daemon.sandbox.SandboxRoutes;
import dev.junction.kernel.Kernel;
import dev.junction.netlink.NetlinkKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running daemon: the kernel layer, the store, the controller, and the API server over them.
 * {@link #start} brings them up in that order; {@link #stop} ends event streams, lets requests in
 * flight finish, and closes everything, leaving networks and sandboxes as they are.
 */
public final class Daemon implements AutoCloseable {

  public static final String VERSION = "0.1.0";

  /** How long a stop waits for requests in flight. */
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  /** The API's thread pool: Jetty's defaults. Requests themselves run on virtual threads. */
  private static final int API_MAX_THREADS = 200;

  private static final int API_MIN_THREADS = 8;
  private static final int API_IDLE_MILLIS = 60_000;

  private final DaemonConfig config;
  private final DaemonLog log;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private Kernel kernel;
  private SqliteStore store;
  private Controller controller;
  private EventHub events;
  private Server server;
  private boolean stopped;

  private Daemon(DaemonConfig config, DaemonLog log, FileChannel lockChannel, FileLock lock) {
    this.config = config;
    this.log = log;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Starts a daemon; fails, having undone what it began, when the data root is held by another
   * daemon, a socket cannot be bound, or the store cannot be opened.
   */
  public static Daemon start(DaemonConfig config, DaemonLog log) throws Exception {
    return start(config, log, () -> NetlinkKernel.open(config.netnsDir()));
  }

  /** Starts a daemon over the kernel {@code kernels} opens: the real one, or a fake in tests. */
  static Daemon start(DaemonConfig config, DaemonLog log, Supplier<Kernel> kernels)
      throws Exception {
    Files.createDirectories(config.dataRoot());
    Files.createDirectories(config.execRoot());
    Path lockFile = config.dataRoot().resolve("junction.lock");
    FileChannel channel =
        FileChannel.open(
            lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another daemon in this same JVM
    }
    if (lock == null) {
      String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
      channel.close();
      throw new IllegalStateException(
          "another junction daemon"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + " is using data root "
              + config.dataRoot());
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
        0);
    Daemon daemon = new Daemon(config, log, channel, lock);
    try {
      NativeLibraries.useDirectory(config.dataRoot().resolve("native"));
      daemon.kernel = kernels.get();
      daemon.bringUp();
      return daemon;
    } catch (Exception e) {
      daemon.close();
      throw e;
    }
  }

  private void bringUp() throws Exception {
    Clock clock = Clock.systemUTC();
    store = SqliteStore.open(config.dataRoot().resolve("junction.db"));
    events = new EventHub();
    Metrics metrics = new Metrics();
    ControllerConfig controllerConfig =
        ControllerConfig.defaults(config.dataRoot(), kernel.currentNetNs())
            .withEtcNetns(config.etcNetns())
            .withEvents(events);
    if (!config.defaultAddressPools().isEmpty()) {
      controllerConfig = controllerConfig.withDefaultPools(config.defaultAddressPools());
    }
    long begun = System.nanoTime();
    controller = Controller.start(controllerConfig, kernel, store);
    controller.watchSandboxes();
    long startNanos = System.nanoTime() - begun;
    metrics.observe(controller, startNanos);
    // The predefined networks (bridge, host, none) are there on a new store too: not "restored".
    log.info(
        "engine ready in "
            + startNanos / 1_000_000
            + " ms: "
            + controller.listNetworks().size()
            + " networks (bridge, host and none included), "
            + controller.listSandboxes().size()
            + " sandboxes");

    List<Route> routes = new ArrayList<>();
    routes.addAll(
        new SystemRoutes(
                controller,
                new SystemRoutes.Identity(
                    VERSION, identity(), config.dataRoot(), config.execRoot()),
                clock)
            .routes());
    routes.addAll(new NetworkRoutes(controller, metrics, clock).routes());
    routes.addAll(new SandboxRoutes(controller, metrics).routes());
    routes.addAll(new EventRoutes(events, clock).routes());
    routes.addAll(metrics.routes());
    ApiHandler api =
        new ApiHandler(
            routes,
            "Junction/" + VERSION + " (linux)",
            (method, path, route, status, nanos) -> {
              metrics.answered(route, status, nanos);
              if (log.enabled(DaemonLog.Level.DEBUG)) {
                log.debug(method + " " + path + " " + status + " " + nanos / 1000 + "us");
              }
            });

    // Jetty's own queue sizes itself from the JVM's management beans, whose start-up took 0.3 to
    // 0.8 s of a daemon start on a small machine; the queue of the JDK is as good for this pool.
    QueuedThreadPool threads =
        new QueuedThreadPool(
            API_MAX_THREADS, API_MIN_THREADS, API_IDLE_MILLIS, new LinkedBlockingQueue<>());
    threads.setName("junction-api");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    for (DaemonConfig.Listener listener : config.hosts()) {
      switch (listener) {
        case DaemonConfig.Listener.Unix unix -> {
          Files.createDirectories(unix.path().getParent());
          Files.deleteIfExists(unix.path()); // left by a daemon that died: we hold the lock now
          UnixDomainServerConnector connector =
              new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
          connector.setUnixDomainPath(unix.path());
          server.addConnector(connector);
        }
        case DaemonConfig.Listener.Tcp tcp -> {
          ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
          connector.setHost(tcp.host());
          connector.setPort(tcp.port());
          server.addConnector(connector);
        }
      }
    }
    server.setHandler(new GracefulHandler(api));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    server.setStopAtShutdown(false);
    server.start();
    for (DaemonConfig.Listener listener : config.hosts()) {
      if (listener instanceof DaemonConfig.Listener.Unix unix) {
        restrict(unix.path());
      }
      log.info("API listening on " + describe(listener));
    }
    Files.writeString(config.pidFile(), ProcessHandle.current().pid() + "\n");
  }

  /** Like docker.sock: owner root, group {@code junction} when that group exists, mode 0660. */
  private void restrict(Path socket) throws IOException {
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    try {
      GroupPrincipal group =
          socket
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByGroupName("junction");
      Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
    } catch (UserPrincipalNotFoundException e) {
      log.debug("no group junction: " + socket + " stays in root's group");
    }
  }

  private static String describe(DaemonConfig.Listener listener) {
    return switch (listener) {
      case DaemonConfig.Listener.Unix unix -> "unix://" + unix.path();
      case DaemonConfig.Listener.Tcp tcp -> "tcp://" + tcp.host() + ":" + tcp.port();
    };
  }

  /** A stable ID for {@code /info}: made once per data root. */
  private String identity() throws IOException {
    Path file = config.dataRoot().resolve("engine-id");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id + "\n");
    return id;
  }

  /** The controller, for tests that run a daemon in-process. */
  Controller controller() {
    return controller;
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops: ends event streams, finishes requests in flight (up to ten seconds), closes the sockets,
   * then the controller, store and kernel layer. Networks and sandboxes stay.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (events != null) {
      events.close();
    }
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        log.warn("stopping the API server: " + e);
      }
      for (DaemonConfig.Listener listener : config.hosts()) {
        if (listener instanceof DaemonConfig.Listener.Unix unix) {
          deleteQuietly(unix.path());
        }
      }
    }
    if (controller != null) {
      controller.flushDeletions();
      try {
        controller.close();
      } catch (RuntimeException e) {
        // The completions it could not write, the next start finishes from the stored intents.
        log.warn("closing the engine: " + e);
      }
    }
    if (store != null) {
      store.close();
    }
    if (kernel != null) {
      kernel.close();
    }
    deleteQuietly(config.pidFile());
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // nothing to do: the file is gone or unreachable either way
    }
  }

  @Override
  public void close() {
    stop();
  }
}
