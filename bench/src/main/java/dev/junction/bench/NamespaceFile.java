package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network namespace the benchmark made, kept alive by a bind mount on a file of its own (what
 * {@code unshare --net=FILE} does). Not {@code ip netns add}: that turns {@code /run/netns} into a
 * shared mount point for everyone on the machine.
 *
 * @param path the file the namespace is mounted on
 */
record NamespaceFile(Path path) {

  NamespaceFile {
    Objects.requireNonNull(path);
  }

  /** A new namespace on {@code path} (which must not exist), with its loopback up. */
  static NamespaceFile create(Path path) throws IOException, InterruptedException {
    Files.createFile(path);
    NamespaceFile namespace = new NamespaceFile(path);
    try {
      Commands.check("unshare", "--net=" + path, "true");
      Commands.check("nsenter", "--net=" + path, "--", "ip", "link", "set", "lo", "up");
    } catch (RuntimeException | IOException | InterruptedException e) {
      namespace.remove();
      throw e;
    }
    return namespace;
  }

  /** Whether a process's network namespace is this one. */
  boolean holds(ProcessHandle process) {
    try {
      Object mine = Files.getAttribute(path, "unix:ino");
      Object mineDevice = Files.getAttribute(path, "unix:dev");
      Path theirs = Path.of("/proc", String.valueOf(process.pid()), "ns", "net");
      return mine.equals(Files.getAttribute(theirs, "unix:ino"))
          && mineDevice.equals(Files.getAttribute(theirs, "unix:dev"));
    } catch (IOException | UnsupportedOperationException e) {
      return false; // the process is gone, or not ours to look at
    }
  }

  /**
   * Every process in this namespace, and their descendants (a container's processes live in
   * namespaces of their own, but are children of a shim that lives here): all started, directly or
   * not, by what the benchmark started.
   */
  List<ProcessHandle> processes() {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(this::holds)
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .forEach(
            p -> {
              found.add(p);
              p.descendants().forEach(found::add);
            });
    return found.stream().distinct().toList();
  }

  /**
   * Ends whatever still runs in the namespace: SIGTERM by PID, then SIGKILL after {@code
   * graceMillis}. Returns the PIDs it had to end, so the caller can say so.
   */
  List<Long> stopProcesses(long graceMillis) throws InterruptedException {
    List<ProcessHandle> left = processes();
    left.forEach(ProcessHandle::destroy);
    long deadline = System.currentTimeMillis() + graceMillis;
    while (left.stream().anyMatch(ProcessHandle::isAlive)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return left.stream().map(ProcessHandle::pid).toList();
  }

  /** Unmounts and deletes the file; the kernel frees the namespace once nothing uses it. */
  void remove() throws IOException, InterruptedException {
    if (Workspace.isMountPoint(path)) {
      Commands.check("umount", path.toString());
    }
    Files.deleteIfExists(path);
  }
}
