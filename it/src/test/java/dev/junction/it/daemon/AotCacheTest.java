package dev.junction.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.ns.RootNamespaceGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daemon's AOT cache: {@code bin/junction} makes it by a training run in namespaces of its own,
 * and a daemon it starts maps it. Without it every start loads its classes from the jars again.
 */
@ExtendWith(RootNamespaceGuard.class)
class AotCacheTest {
  private static final Path TARGET = Path.of("../cli/target").toAbsolutePath().normalize();

  @Test
  void theCacheIsMadeNewerThanEveryJarAndTheDaemonStartsWithIt() throws Exception {
    DaemonProcess.prepareCache();
    List<Path> caches = files(TARGET.resolve("aot"), "junction-daemon-.*\\.aot");
    assertThat(caches).as("the daemon's cache in " + TARGET.resolve("aot")).hasSize(1);
    Path cache = caches.getFirst();
    FileTime made = Files.getLastModifiedTime(cache);
    List<Path> jars = files(TARGET.resolve("lib"), ".*\\.jar");
    jars.addAll(files(TARGET, "junction-cli-.*\\.jar"));
    for (Path jar : jars) {
      assertThat(Files.getLastModifiedTime(jar)).as(jar.toString()).isLessThanOrEqualTo(made);
    }
    assertThat(files(TARGET.resolve("aot"), ".*\\.(failed|tmp|log)|training\\..*"))
        .as("no failure marker, partial cache, training log or training directory")
        .isEmpty();

    try (DaemonProcess daemon = DaemonProcess.start()) {
      String maps = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "maps"));
      assertThat(maps).as("the daemon's memory maps").contains(cache.toString());
    }
  }

  @Test
  void withTheCacheTurnedOffTheDaemonStartsWithoutIt() throws Exception {
    try (DaemonProcess daemon = DaemonProcess.start(Map.of("JUNCTION_AOT", "off"))) {
      String maps = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "maps"));
      assertThat(maps).as("the daemon's memory maps").doesNotContain(".aot");
    }
  }

  private static List<Path> files(Path directory, String pattern) throws IOException {
    if (!Files.isDirectory(directory)) {
      return new ArrayList<>();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(
          files.filter(file -> file.getFileName().toString().matches(pattern)).toList());
    }
  }
}
