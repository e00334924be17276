package dev.junction.core.sandbox;

import dev.junction.core.error.InternalException;
import dev.junction.core.id.SandboxId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a sandbox's files live: {@code <data root>/sandboxes/<id>/{hostname,hosts,resolv.conf}},
 * and, for a namespace in the netns directory, symbolic links to them in {@code <etc
 * netns>/<name>/} so that {@code ip netns exec <name>} puts them in place (it bind-mounts what a
 * link points to). Links, not copies: a connect writes the hosts file once, not twice (20 µs of a
 * connect, measured).
 *
 * <p>Files are rewritten in place, not replaced by a rename: a process that has one bind-mounted
 * (what {@code ip netns exec} does with {@code /etc/hosts}) holds the old file's inode and would
 * never see a renamed replacement; Docker writes its containers' files in place for the same
 * reason. A file is written only when its content changed: most connects change the hosts file
 * alone, and every write to the file system may wait behind another process's sync.
 */
public final class SandboxFiles {

  private static final String HOSTNAME = "hostname";
  private static final String HOSTS = "hosts";
  private static final String RESOLV_CONF = "resolv.conf";

  /** The files {@link #write} keeps in a sandbox's directory, and those it links from etc. */
  private static final List<String> OWN_FILES = List.of(HOSTNAME, HOSTS, RESOLV_CONF);

  private static final List<String> LINKED_FILES = List.of(HOSTS, RESOLV_CONF);

  private final Path root;
  private final Path etcNetns;
  private final Map<Path, String> written = new ConcurrentHashMap<>();
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();

  /** The {@code ip netns exec} files known to be links to the sandbox's own. */
  private final Set<Path> linked = ConcurrentHashMap.newKeySet();

  public SandboxFiles(Path dataRoot, Path etcNetns) {
    this.root = dataRoot.resolve("sandboxes");
    this.etcNetns = etcNetns;
  }

  public Path directory(SandboxId id) {
    return root.resolve(id.value());
  }

  public Path hosts(SandboxId id) {
    return directory(id).resolve(HOSTS);
  }

  public Path resolvConf(SandboxId id) {
    return directory(id).resolve(RESOLV_CONF);
  }

  public Path hostname(SandboxId id) {
    return directory(id).resolve(HOSTNAME);
  }

  /** The {@code ip netns exec} directory for a namespace of that name. */
  public Path etcDirectory(String netnsName) {
    return etcNetns.resolve(netnsName);
  }

  /** Writes the three files; {@code netnsName} when the namespace is a named one of ours. */
  public void write(
      SandboxId id, Optional<String> netnsName, String hostname, String hosts, String resolvConf) {
    try {
      Path directory = directory(id);
      update(directory, HOSTNAME, hostname + "\n");
      update(directory, HOSTS, hosts);
      update(directory, RESOLV_CONF, resolvConf);
      if (netnsName.isPresent()) {
        Path etc = etcDirectory(netnsName.get());
        // Absolute: a link's relative target would be read from the link's own directory.
        link(etc, HOSTS, directory.resolve(HOSTS).toAbsolutePath());
        link(etc, RESOLV_CONF, directory.resolve(RESOLV_CONF).toAbsolutePath());
      }
    } catch (IOException e) {
      throw new InternalException(
          "sandbox " + id.shortId() + ": cannot write its files: " + e.getMessage(), e);
    }
  }

  /** Removes the sandbox's files and, if named, its {@code ip netns exec} directory. */
  public void delete(SandboxId id, Optional<String> netnsName) {
    try {
      deleteTree(directory(id));
      Optional<Path> etc = netnsName.map(this::etcDirectory);
      if (etc.isPresent()) {
        deleteTree(etc.get());
      }
      // By name, not by a scan of every sandbox's entries: with thousands of sandboxes, a scan per
      // deletion made deleting them all take time quadratic in their number.
      Path directory = directory(id);
      for (String name : OWN_FILES) {
        written.remove(directory.resolve(name));
      }
      directories.remove(directory);
      if (etc.isPresent()) {
        for (String name : LINKED_FILES) {
          linked.remove(etc.get().resolve(name));
        }
        directories.remove(etc.get());
      }
    } catch (IOException e) {
      throw new InternalException(
          "sandbox " + id.shortId() + ": cannot remove its files: " + e.getMessage(), e);
    }
  }

  /** How many files and directories this remembers, over all sandboxes (for tests). */
  int remembered() {
    return written.size() + linked.size() + directories.size();
  }

  private void update(Path directory, String name, String content) throws IOException {
    Path file = directory.resolve(name);
    if (content.equals(written.get(file)) && Files.exists(file)) {
      return;
    }
    inDirectory(directory, () -> overwrite(file, content));
    written.put(file, content);
  }

  /**
   * A change to one file, which fails with {@link NoSuchFileException} if its directory is gone.
   */
  @FunctionalInterface
  private interface FileChange {
    void run() throws IOException;
  }

  private void inDirectory(Path directory, FileChange change) throws IOException {
    // The directory is made once, not looked for at every write (two system calls of a connect's
    // few): a change that finds it gone makes it again.
    if (!directories.contains(directory)) {
      Files.createDirectories(directory);
      directories.add(directory);
    }
    try {
      change.run();
    } catch (NoSuchFileException e) {
      Files.createDirectories(directory);
      change.run();
    }
  }

  /**
   * Makes {@code directory/name} a symbolic link to {@code target}: {@code ip netns exec}
   * bind-mounts what the link points to. Once made, a link is only looked for (one {@code lstat}),
   * and made again if someone removed it; a file left there (by an older version) is replaced.
   */
  private void link(Path directory, String name, Path target) throws IOException {
    Path file = directory.resolve(name);
    if (linked.contains(file) && Files.isSymbolicLink(file)) {
      return;
    }
    inDirectory(directory, () -> replaceWithLink(file, target));
    linked.add(file);
  }

  private static void replaceWithLink(Path file, Path target) throws IOException {
    if (Files.isSymbolicLink(file) && Files.readSymbolicLink(file).equals(target)) {
      return;
    }
    Files.deleteIfExists(file);
    Files.createSymbolicLink(file, target);
  }

  private static void overwrite(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    // Overwrite, then cut what is left: truncating to zero first would free the file's block and
    // allocate a new one, which costs a discard on file systems mounted with it.
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long position = 0;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      if (channel.size() > bytes.length) {
        channel.truncate(bytes.length);
      }
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
