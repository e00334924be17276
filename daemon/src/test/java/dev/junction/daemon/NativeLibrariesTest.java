package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

  @TempDir Path root;

  /** The library in the driver's jar, for this machine (the tests run on x86-64 or ARM64 glibc). */
  private static byte[] jarLibrary() throws IOException {
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
    try (InputStream in =
        NativeLibraries.class
            .getClassLoader()
            .getResourceAsStream("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so")) {
      assertThat(in).as("the driver's library for this machine").isNotNull();
      return in.readAllBytes();
    }
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  @Test
  void whatAKilledDaemonLeftIsRemovedAtStartAndTheLibraryIsKeptThere() throws IOException {
    Path directory = root.resolve("native");
    Files.createDirectories(directory);
    Path left = Files.writeString(directory.resolve("sqlite-3-a-libsqlitejdbc.so"), "elf");
    Path lock = Files.writeString(directory.resolve("sqlite-3-a-libsqlitejdbc.so.lck"), "");
    Path partial = Files.writeString(directory.resolve("libsqlitejdbc-0-1.so.4242"), "half");

    NativeLibraries.useDirectory(directory);

    assertThat(left).doesNotExist();
    assertThat(lock).doesNotExist();
    assertThat(partial).doesNotExist();
    List<Path> kept = files(directory);
    assertThat(kept)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.getFileName().toString())
                    .matches("libsqlitejdbc-[0-9a-f]+-[0-9]+\\.so"));
    assertThat(Files.readAllBytes(kept.getFirst())).isEqualTo(jarLibrary());
    // Set by this call or, in this JVM, by a daemon an earlier test started: never left unset.
    assertThat(System.getProperty(NativeLibraries.SQLITE_DIRECTORY)).isNotNull();
  }

  @Test
  void aDirectoryMadeOnFirstStartHoldsTheLibraryOnly() throws IOException {
    Path directory = root.resolve("data/native");
    NativeLibraries.useDirectory(directory);
    assertThat(files(directory)).singleElement();
    assertThat(Files.readAllBytes(files(directory).getFirst())).isEqualTo(jarLibrary());
  }

  @Test
  void theLibraryIsUnpackedOnceAndKeptByLaterStarts() throws IOException {
    Path directory = root.resolve("native");
    NativeLibraries.useDirectory(directory);
    Path library = files(directory).getFirst();
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(library, old);

    NativeLibraries.useDirectory(directory);

    assertThat(files(directory)).containsExactly(library);
    assertThat(Files.getLastModifiedTime(library)).as("not written again").isEqualTo(old);
  }

  @Test
  void aDamagedLibraryIsUnpackedAgain() throws IOException {
    Path directory = root.resolve("native");
    NativeLibraries.useDirectory(directory);
    Path library = files(directory).getFirst();
    byte[] damaged = Files.readAllBytes(library);
    damaged[damaged.length / 2] ^= 0x5a; // same size, other content
    Files.write(library, damaged);

    NativeLibraries.useDirectory(directory);

    assertThat(files(directory)).containsExactly(library);
    assertThat(Files.readAllBytes(library)).isEqualTo(jarLibrary());
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
