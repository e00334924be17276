package dev.junction.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.id.SandboxId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxFilesTest {

  @TempDir Path dataRoot;
  @TempDir Path etcNetns;

  @Test
  void filesGoneFromUnderTheEngineAreWrittenAgainWithTheirDirectories() throws IOException {
    SandboxFiles files = new SandboxFiles(dataRoot, etcNetns);
    SandboxId id = SandboxId.random();
    files.write(id, Optional.of("web"), "web", "hosts 1\n", "nameserver 192.0.2.1\n");
    assertThat(Files.readString(files.hosts(id))).isEqualTo("hosts 1\n");
    assertThat(Files.readString(etcNetns.resolve("web/hosts"))).isEqualTo("hosts 1\n");

    deleteTree(files.directory(id)); // someone else's doing
    deleteTree(etcNetns.resolve("web"));
    files.write(id, Optional.of("web"), "web", "hosts 2\n", "nameserver 192.0.2.1\n");
    assertThat(Files.readString(files.hosts(id))).isEqualTo("hosts 2\n");
    assertThat(Files.readString(files.resolvConf(id))).isEqualTo("nameserver 192.0.2.1\n");
    assertThat(Files.readString(files.hostname(id))).isEqualTo("web\n");
    assertThat(Files.readString(etcNetns.resolve("web/hosts"))).isEqualTo("hosts 2\n");
    assertThat(Files.readString(etcNetns.resolve("web/resolv.conf")))
        .isEqualTo("nameserver 192.0.2.1\n");

    files.delete(id, Optional.of("web"));
    assertThat(files.directory(id)).doesNotExist();
    files.write(id, Optional.of("web"), "web", "hosts 3\n", "nameserver 192.0.2.1\n");
    assertThat(Files.readString(files.hosts(id))).isEqualTo("hosts 3\n");
    assertThat(Files.readString(etcNetns.resolve("web/hosts"))).isEqualTo("hosts 3\n");
  }

  @Test
  void theIpNetnsExecFilesAreLinksToTheSandboxsOwn() throws IOException {
    SandboxFiles files = new SandboxFiles(dataRoot, etcNetns);
    SandboxId id = SandboxId.random();
    // A copy left by an older version is replaced by a link.
    Files.createDirectories(etcNetns.resolve("db"));
    Files.writeString(etcNetns.resolve("db/hosts"), "an old copy\n");
    files.write(id, Optional.of("db"), "db", "hosts 1\n", "nameserver 192.0.2.1\n");
    Path hosts = etcNetns.resolve("db/hosts");
    Path resolv = etcNetns.resolve("db/resolv.conf");
    assertThat(Files.isSymbolicLink(hosts)).isTrue();
    assertThat(Files.readSymbolicLink(hosts)).isEqualTo(files.hosts(id));
    assertThat(Files.readSymbolicLink(resolv)).isEqualTo(files.resolvConf(id));
    // Rewritten in place, and seen through the link.
    Object inode = Files.readAttributes(files.hosts(id), BasicFileAttributes.class).fileKey();
    files.write(id, Optional.of("db"), "db", "hosts 2\n", "nameserver 192.0.2.1\n");
    assertThat(Files.readString(hosts)).isEqualTo("hosts 2\n");
    assertThat(Files.readAttributes(hosts, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    // A link someone removed is made again.
    Files.delete(hosts);
    files.write(id, Optional.of("db"), "db", "hosts 3\n", "nameserver 192.0.2.1\n");
    assertThat(Files.readSymbolicLink(hosts)).isEqualTo(files.hosts(id));
    assertThat(Files.readString(hosts)).isEqualTo("hosts 3\n");
    files.delete(id, Optional.of("db"));
    assertThat(etcNetns.resolve("db")).doesNotExist();
    assertThat(files.directory(id)).doesNotExist();
  }

  @Test
  void deletingASandboxForgetsItsFilesAndOnlyThose() throws IOException {
    SandboxFiles files = new SandboxFiles(dataRoot, etcNetns);
    SandboxId named = SandboxId.random();
    SandboxId adopted = SandboxId.random();
    files.write(named, Optional.of("web"), "web", "hosts\n", "nameserver 192.0.2.1\n");
    int one = files.remembered();
    // Three files and their directory; two links and theirs.
    assertThat(one).isEqualTo(3 + 1 + 2 + 1);
    files.write(adopted, Optional.empty(), "db", "hosts\n", "nameserver 192.0.2.1\n");
    assertThat(files.remembered()).isEqualTo(one + 3 + 1);

    files.delete(named, Optional.of("web"));
    assertThat(files.remembered()).isEqualTo(3 + 1);
    assertThat(files.hosts(adopted)).exists();
    files.delete(adopted, Optional.empty());
    assertThat(files.remembered()).isZero();
    assertThat(files.directory(adopted)).doesNotExist();
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
