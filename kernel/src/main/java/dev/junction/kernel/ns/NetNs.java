package dev.junction.kernel.ns;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A network namespace, identified by a file that refers to it: a bind-mounted file under the netns
 * directory (what {@code ip netns add NAME} makes), a {@code /proc/PID/ns/net} link of a process
 * that lives in it, or {@link #CURRENT_PATH} for the namespace the engine itself runs in. A handle
 * is only a name; the {@code Kernel} that gave it out does the work.
 */
public record NetNs(Path path) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

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

  /**
   * Checks a name for a namespace file: letters, digits, {@code _}, {@code .} and {@code -}, at
   * most 255 characters, not starting with a dot, so that it can never leave its directory.
   */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid network namespace name \""
              + name
              + "\": use up to 255 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
    }
    return name;
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
