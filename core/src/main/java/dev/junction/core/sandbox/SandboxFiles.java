package dev.junction.core.sandbox;

import dev.junction.core.error.InternalException;
import dev.junction.core.id.SandboxId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a sandbox's files live: {@code <data root>/sandboxes/<id>/{hostname,hosts,resolv.conf}},
 * and, for a namespace in the netns directory, copies in {@code <etc netns>/<name>/} so that {@code
 * ip netns exec <name>} puts them in place. Files are replaced atomically (write, then rename), so
 * a reader never sees half a file and a crash leaves the old one or the new one.
 */
public final class SandboxFiles {

  private final Path root;
  private final Path etcNetns;

  public SandboxFiles(Path dataRoot, Path etcNetns) {
    this.root = dataRoot.resolve("sandboxes");
    this.etcNetns = etcNetns;
  }

  public Path directory(SandboxId id) {
    return root.resolve(id.value());
  }

  public Path hosts(SandboxId id) {
    return directory(id).resolve("hosts");
  }

  public Path resolvConf(SandboxId id) {
    return directory(id).resolve("resolv.conf");
  }

  public Path hostname(SandboxId id) {
    return directory(id).resolve("hostname");
  }

  /** The {@code ip netns exec} directory for a namespace of that name. */
  public Path etcDirectory(String netnsName) {
    return etcNetns.resolve(netnsName);
  }

  /** Writes the three files; {@code netnsName} when the namespace is a named one of ours. */
  public void write(
      SandboxId id, Optional<String> netnsName, String hostname, String hosts, String resolvConf) {
    try {
      Path directory = Files.createDirectories(directory(id));
      replace(directory.resolve("hostname"), hostname + "\n");
      replace(directory.resolve("hosts"), hosts);
      replace(directory.resolve("resolv.conf"), resolvConf);
      if (netnsName.isPresent()) {
        Path etc = Files.createDirectories(etcDirectory(netnsName.get()));
        replace(etc.resolve("hosts"), hosts);
        replace(etc.resolve("resolv.conf"), resolvConf);
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
      if (netnsName.isPresent()) {
        deleteTree(etcDirectory(netnsName.get()));
      }
    } catch (IOException e) {
      throw new InternalException(
          "sandbox " + id.shortId() + ": cannot remove its files: " + e.getMessage(), e);
    }
  }

  private static void replace(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    try {
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
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
