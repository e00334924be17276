package dev.junction.testkit.ns;

import dev.junction.kernel.Errno;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.observe.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One test's kernel and namespaces: the kernel keeps its named namespaces in a directory of the
 * test's own under {@code /run/junction-test}, so nothing lands in {@code /run/netns}, and {@link
 * #close()} deletes every namespace in it, the directory and the kernel, also after a failure.
 *
 * @param <K> the kernel's type
 */
public final class TestNamespaces<K extends Kernel> implements AutoCloseable {

  private static final Path ROOT = Path.of("/run/junction-test");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Path directory;
  private final K kernel;

  private TestNamespaces(Path directory, K kernel) {
    this.directory = directory;
    this.kernel = kernel;
  }

  /** Makes a fresh directory and opens a kernel on it with {@code opener}. */
  public static <K extends Kernel> TestNamespaces<K> open(Function<Path, K> opener) {
    Path directory =
        ROOT.resolve("t" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestNamespaces<>(directory, opener.apply(directory));
  }

  public Path directory() {
    return directory;
  }

  public K kernel() {
    return kernel;
  }

  /** Creates namespace {@code name} for this test. */
  public NetNs create(String name) {
    return kernel.createNetNs(name);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    // Whatever is in the directory, namespaces the test made by other means included.
    for (NetNs ns : kernel.listNetNs()) {
      try {
        kernel.deleteNetNs(ns);
      } catch (KernelException e) {
        if (!e.is(Errno.ENOENT)) {
          failures.add(e);
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      kernel.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    try {
      // A real kernel made the directory a mount point, as ip netns add does.
      while (isMountPoint(directory)) {
        Command.check(null, "umount", directory.toString());
      }
      Files.deleteIfExists(directory);
      try (Stream<Path> rest = Files.list(ROOT)) {
        if (rest.findAny().isEmpty()) {
          Files.deleteIfExists(ROOT);
        }
      }
    } catch (IOException e) {
      failures.add(new UncheckedIOException(e));
    } catch (AssertionError e) {
      failures.add(new IllegalStateException(e.getMessage(), e));
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  /** True when {@code path} is a mount point in this process's mount namespace. */
  public static boolean isMountPoint(Path path) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .anyMatch(line -> line.split(" ")[4].equals(path.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "test namespaces in " + directory;
  }
}
