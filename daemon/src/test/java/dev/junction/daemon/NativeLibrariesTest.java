package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

  @TempDir Path root;

  @Test
  void whatAKilledDaemonLeftIsRemovedAtStartAndTheDriverUnpacksThere() throws IOException {
    Path directory = root.resolve("native");
    Files.createDirectories(directory);
    Path left = Files.writeString(directory.resolve("sqlite-3-a-libsqlitejdbc.so"), "elf");
    Path lock = Files.writeString(directory.resolve("sqlite-3-a-libsqlitejdbc.so.lck"), "");

    NativeLibraries.useDirectory(directory);

    assertThat(left).doesNotExist();
    assertThat(lock).doesNotExist();
    assertThat(directory).isDirectory();
    // Set by this call or, in this JVM, by a daemon an earlier test started: never left unset.
    assertThat(System.getProperty(NativeLibraries.SQLITE_DIRECTORY)).isNotNull();
  }

  @Test
  void aDirectoryMadeOnFirstStart() throws IOException {
    Path directory = root.resolve("data/native");
    NativeLibraries.useDirectory(directory);
    assertThat(directory).isDirectory().isEmptyDirectory();
  }

  @Test
  void aSymbolicLinkInPlaceOfTheDirectoryIsRefusedAndWhatItPointsToKept() throws IOException {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Path precious = Files.writeString(elsewhere.resolve("precious"), "keep");
    Path directory = Files.createSymbolicLink(root.resolve("native"), elsewhere);

    assertThatThrownBy(() -> NativeLibraries.useDirectory(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(directory.toString());
    assertThat(precious).exists();
  }
}
