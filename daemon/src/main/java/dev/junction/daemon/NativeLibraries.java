package dev.junction.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the store's driver unpacks its native library. sqlite-jdbc writes a copy under a random
 * name at every start and removes it at a clean exit only: each daemon killed with SIGKILL left 1.1
 * MB in {@code /tmp} for good (131 MB after one afternoon of crash tests). The daemon points it at
 * a directory of its data root instead, and empties that directory at start, once it holds the data
 * root's lock: what is there was left by an earlier daemon of this data root, which is gone, and a
 * library already loaded stays mapped even when its file is removed.
 */
final class NativeLibraries {

  static final String SQLITE_DIRECTORY = "org.sqlite.tmpdir";

  private NativeLibraries() {}

  /**
   * Empties {@code directory} (made if missing) and has the store's driver unpack there, unless
   * this process already chose a directory (an earlier daemon in the same JVM, or the user's {@code
   * -Dorg.sqlite.tmpdir}).
   */
  static void useDirectory(Path directory) throws IOException {
    if (Files.isSymbolicLink(directory)) {
      throw new IOException(directory + " is a symbolic link, not a directory of ours");
    }
    Files.createDirectories(directory);
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
          Files.deleteIfExists(file);
        }
      }
    }
    if (System.getProperty(SQLITE_DIRECTORY) == null) {
      System.setProperty(SQLITE_DIRECTORY, directory.toString());
    }
  }
}
