package dev.junction.kernel.ns;

import java.nio.file.Path;

/**
 * A network namespace, identified by a file that refers to it: a bind-mounted file under the netns
 * directory (what {@code ip netns add NAME} makes), a {@code /proc/PID/ns/net} link of a process
 * that lives in it, or {@link #CURRENT_PATH} for the namespace the engine itself runs in. A handle
 * is only a name; the {@code Kernel} that gave it out does the work.
 */
public record NetNs(Path path) {

  /** The path that stands for the namespace the engine was started in. */
  public static final Path CURRENT_PATH = Path.of("/proc/self/ns/net");

  public NetNs {
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("network namespace path must be absolute: " + path);
    }
    path = path.normalize();
  }

  /** The namespace the engine was started in. */
  public static NetNs current() {
    return new NetNs(CURRENT_PATH);
  }

  public boolean isCurrent() {
    return path.equals(CURRENT_PATH);
  }

  /** The last element of the path: the name {@code ip netns} shows for a named namespace. */
  public String name() {
    return isCurrent() ? "current" : path.getFileName().toString();
  }

  @Override
  public String toString() {
    return isCurrent() ? "current netns" : "netns " + path;
  }
}
