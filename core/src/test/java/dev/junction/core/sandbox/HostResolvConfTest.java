package dev.junction.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResolvConfTest {

  private static final FileTime THEN = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
  private static final FileTime LATER = FileTime.from(Instant.parse("2026-01-01T00:00:01Z"));

  @TempDir Path directory;

  @Test
  void aChangedFileIsReadAgainAndAnUnchangedOneIsNot() throws IOException {
    Path file = directory.resolve("resolv.conf");
    write(file, "nameserver 192.0.2.1\n", THEN);
    HostResolvConf host = new HostResolvConf(file);
    ResolvConf first = host.current();
    assertThat(first.nameservers()).containsExactly("192.0.2.1");
    assertThat(host.current()).isSameAs(first); // not parsed again

    write(file, "nameserver 192.0.2.2\n", LATER); // same size, later
    assertThat(host.current().nameservers()).containsExactly("192.0.2.2");

    write(file, "nameserver 192.0.2.3\nsearch example.test\n", LATER); // same time, longer
    assertThat(host.current().search()).containsExactly("example.test");

    Path other = directory.resolve("other");
    write(other, "nameserver 192.0.2.4\nsearch example.test\n", LATER); // same size and time
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
    assertThat(host.current().nameservers()).containsExactly("192.0.2.4"); // another file

    Files.delete(file);
    assertThat(host.current().nameservers()).isEmpty();
  }

  private static void write(Path file, String content, FileTime modified) throws IOException {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, modified);
  }
}
