package dev.junction.testkit.ns;

import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Namespaces for one test, made through a kernel in a directory of their own under {@code
 * /run/junction-test}, so that nothing lands in {@code /run/netns}; {@link #close()} deletes every
 * one of them and the directory, also after a failure.
 */
public final class TestNamespaces implements AutoCloseable {

  private static final Path ROOT = Path.of("/run/junction-test");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Path directory;
  private final String prefix;
  private Kernel kernel;

  private TestNamespaces(Path directory, String prefix) {
    this.directory = directory;
    this.prefix = prefix;
  }

  /** A fresh directory for one test's namespaces; give it to the kernel, then {@link #use} it. */
  public static TestNamespaces allocate() {
    int n = SEQUENCE.incrementAndGet();
    String prefix = "t" + ProcessHandle.current().pid() + "-" + n;
    Path directory = ROOT.resolve(prefix);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestNamespaces(directory, prefix);
  }

  public Path directory() {
    return directory;
  }

  /** The kernel that creates (and will delete) this test's namespaces. */
  public TestNamespaces use(Kernel value) {
    this.kernel = value;
    return this;
  }

  /** Creates namespace {@code label} for this test. */
  public NetNs create(String label) {
    return kernel.createNetNs(label);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    // Whatever the test created or left in its directory, including namespaces it made itself.
    for (NetNs ns : kernel.listNetNs()) {
      try {
        kernel.deleteNetNs(ns);
      } catch (KernelException e) {
        if (!e.is(dev.junction.kernel.Errno.ENOENT)) {
          failures.add(e);
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      Files.deleteIfExists(directory);
      try (var rest = Files.list(ROOT)) {
        if (rest.findAny().isEmpty()) {
          Files.deleteIfExists(ROOT);
        }
      }
    } catch (IOException e) {
      failures.add(new UncheckedIOException(e));
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  @Override
  public String toString() {
    return "test namespaces " + prefix;
  }
}
