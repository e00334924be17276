package dev.junction.core.controller;

import dev.junction.core.event.CoreEvent;
import dev.junction.core.ipam.AddressSpace;
import dev.junction.core.store.Store;
import dev.junction.core.store.memory.MemoryStore;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A controller on the in-memory kernel and store, with temporary directories, for one test. */
final class Engine implements AutoCloseable {

  static final Path NETNS_DIR = Path.of("/run/junction-unit/netns");

  final FakeKernel kernel;
  final Store store;
  final Path dataRoot;
  final Path etcNetns;
  final Path resolvConf;
  final List<CoreEvent> events = new CopyOnWriteArrayList<>();
  Controller controller;

  Engine() {
    this(new FakeKernel(NETNS_DIR), new MemoryStore());
  }

  Engine(FakeKernel kernel, Store store) {
    this(kernel, store, Registry.LATE_WRITE_DELAY);
  }

  /** An engine whose completions wait {@code lateWriteDelay} for a commit to carry them. */
  Engine(FakeKernel kernel, Store store, Duration lateWriteDelay) {
    this.kernel = kernel;
    this.store = store;
    try {
      dataRoot = Files.createTempDirectory("junction-data");
      etcNetns = Files.createTempDirectory("junction-etc-netns");
      resolvConf = Files.createTempFile("resolv", ".conf");
      Files.writeString(
          resolvConf,
          "# host file\nnameserver 127.0.0.53\nnameserver 192.0.2.53\nsearch example.test\noptions edns0\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    controller = Controller.start(config(), kernel, store, lateWriteDelay);
    settled();
  }

  /**
   * Waits for the deletions a start schedules in the background (its restore hands the host's
   * pending links to the reaper). Until they are done they are kernel changes that may come at any
   * moment, and would take a failure a test injects for its own next change: a test that did so
   * right after the start failed when the start's deletion came later.
   */
  private void settled() {
    controller.flushDeletions();
  }

  ControllerConfig config() {
    return new ControllerConfig(
        dataRoot,
        NetNs.current(),
        etcNetns,
        resolvConf,
        AddressSpace.dockerLocalDefaults(),
        "junction0",
        events::add,
        Clock.systemUTC());
  }

  /** A second controller on the same kernel and store, as after a restart. */
  Controller restart() {
    controller.close();
    controller = Controller.start(config(), kernel, store);
    settled();
    return controller;
  }

  NetStack host() {
    return kernel.stack(NetNs.current());
  }

  NetStack sandbox(String name) {
    return kernel.stack(new NetNs(NETNS_DIR.resolve(name)));
  }

  @Override
  public void close() {
    controller.close();
    for (Path root : List.of(dataRoot, etcNetns, resolvConf)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
