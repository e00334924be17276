package dev.junction.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Where the store's driver finds its native library. sqlite-jdbc writes a copy under a random name
 * at every start and removes it at a clean exit only: each daemon killed with SIGKILL left 1.1 MB
 * in {@code /tmp} for good (131 MB after one afternoon of crash tests). The daemon keeps the
 * library in a directory of its data root instead, once, under a name made of its CRC-32 and size,
 * and points the driver at that file: later starts load it as it is, where the driver would unpack
 * it again, read it back to compare it with the jar's, and run {@code uname} to find the jar's
 * folder for this machine.
 *
 * <p>At start, once the daemon holds the data root's lock, every other file in the directory goes:
 * it was left by an earlier daemon of this data root, which is gone, and a library already loaded
 * stays mapped even when its file is removed. When the jar has no library where this class looks
 * (another C library than glibc, a machine other than x86-64 or ARM64, classes outside a jar), the
 * driver unpacks its own into the same directory, as before.
 */
final class NativeLibraries {

  static final String SQLITE_DIRECTORY = "org.sqlite.tmpdir";
  static final String SQLITE_LIBRARY_PATH = "org.sqlite.lib.path";
  static final String SQLITE_LIBRARY_NAME = "org.sqlite.lib.name";
  private static final String LIBRARY = "libsqlitejdbc.so";

  private NativeLibraries() {}

  /**
   * Keeps the driver's library in {@code directory} (made if missing), empties it of anything else,
   * and has the driver load the library from there, unless this process already chose (an earlier
   * daemon in the same JVM, or the user's {@code -Dorg.sqlite.tmpdir} or {@code
   * -Dorg.sqlite.lib.path}).
   */
  static void useDirectory(Path directory) throws IOException {
    if (Files.isSymbolicLink(directory)) {
      throw new IOException(directory + " is a symbolic link, not a directory of ours");
    }
    Files.createDirectories(directory);
    Optional<Path> library = keepLibrary(directory);
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        boolean kept = library.isPresent() && file.equals(library.get());
        if (!kept
            && (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(file))) {
          Files.deleteIfExists(file);
        }
      }
    }
    if (System.getProperty(SQLITE_DIRECTORY) == null
        && System.getProperty(SQLITE_LIBRARY_PATH) == null) {
      System.setProperty(SQLITE_DIRECTORY, directory.toString());
      if (library.isPresent()) {
        System.setProperty(SQLITE_LIBRARY_PATH, directory.toString());
        System.setProperty(SQLITE_LIBRARY_NAME, library.get().getFileName().toString());
      }
    }
  }

  /**
   * The library's file in {@code directory}: the one there when its content is the jar's, else
   * unpacked now (to a temporary name, then renamed, so that a kill leaves no half of it under the
   * kept name). Empty when the jar has none for this machine where this class looks.
   */
  private static Optional<Path> keepLibrary(Path directory) throws IOException {
    Optional<String> folder = folder();
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    URL resource =
        NativeLibraries.class.getClassLoader().getResource("org/sqlite/native/" + folder.get());
    if (resource == null) {
      return Optional.empty();
    }
    URLConnection connection = resource.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return Optional.empty();
    }
    JarEntry entry = jar.getJarEntry();
    if (entry.getCrc() < 0 || entry.getSize() < 0) {
      return Optional.empty();
    }
    Path file =
        directory.resolve(
            "libsqlitejdbc-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".so");
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && holds(file, entry)) {
      return Optional.of(file);
    }
    Path partial = directory.resolve(file.getFileName() + "." + ProcessHandle.current().pid());
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!holds(partial, entry)) {
      Files.deleteIfExists(partial);
      throw new IOException(
          "the store's native library unpacked to " + partial + " differs from " + resource);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Optional.of(file);
  }

  /** Whether {@code file} has the size and CRC-32 of the jar's {@code entry}. */
  private static boolean holds(Path file, JarEntry entry) throws IOException {
    if (Files.size(file) != entry.getSize()) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return crc.getValue() == entry.getCrc();
  }

  /**
   * The driver's folder of the library for this machine, as it names them, for glibc: the musl and
   * Android builds need the driver's own detection.
   */
  private static Optional<String> folder() {
    if (!System.getProperty("os.name", "").equals("Linux")
        || Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
        || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"))) {
      return Optional.empty();
    }
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> Optional.of("Linux/x86_64/" + LIBRARY);
      case "aarch64" -> Optional.of("Linux/aarch64/" + LIBRARY);
      default -> Optional.empty();
    };
  }
}
