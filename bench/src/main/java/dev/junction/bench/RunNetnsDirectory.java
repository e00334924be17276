package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The state of {@code /run/netns} before a benchmark or demonstration: creating a namespace there,
 * with Junction or with {@code ip netns add}, makes it a shared mount point and leaves it so. When
 * they made it one, and nothing else is in it at the end, {@link #restore()} puts it back.
 *
 * @param existed whether the directory was there
 * @param mounted whether it was a mount point
 */
record RunNetnsDirectory(boolean existed, boolean mounted) {

  static final Path PATH = Path.of("/run/netns");

  static RunNetnsDirectory observe() throws IOException {
    return new RunNetnsDirectory(Files.isDirectory(PATH), isMountPoint());
  }

  private static boolean isMountPoint() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(line -> line.split(" ")[4].equals(PATH.toString()));
  }

  private static boolean isEmpty() throws IOException {
    try (Stream<Path> entries = Files.list(PATH)) {
      return entries.findAny().isEmpty();
    }
  }

  void restore() throws IOException, InterruptedException {
    if (!Files.isDirectory(PATH) || !isEmpty()) {
      return; // someone else's namespaces are there now: leave the directory as it is
    }
    if (!mounted) {
      while (isMountPoint()) {
        if (new ProcessBuilder("umount", PATH.toString()).inheritIO().start().waitFor() != 0) {
          return;
        }
      }
    }
    if (!existed) {
      Files.deleteIfExists(PATH);
    }
  }
}
