package dev.junction.daemon;

import dev.junction.testkit.fake.FakeKernel;
import dev.junction.testkit.http.UnixHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A daemon in this JVM on the in-memory kernel, with its files in a temporary directory. */
final class TestDaemon implements AutoCloseable {
  final Path root;
  final FakeKernel kernel;
  final Daemon daemon;
  final UnixHttpClient client;
  final DaemonConfig config;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  TestDaemon() throws Exception {
    this(Files.createTempDirectory("junction-daemon-test"));
  }

  TestDaemon(Path root) throws Exception {
    this.root = root;
    this.kernel = new FakeKernel(root.resolve("netns"));
    this.config = config(root);
    this.daemon =
        Daemon.start(
            config,
            new DaemonLog(
                DaemonLog.Level.DEBUG, new PrintStream(log, true, StandardCharsets.UTF_8)),
            () -> kernel);
    this.client = new UnixHttpClient(socket());
  }

  static DaemonConfig config(Path root) {
    return new DaemonConfig(
        root.resolve("data"),
        root.resolve("run"),
        root.resolve("netns"),
        root.resolve("etc-netns"),
        List.of(new DaemonConfig.Listener.Unix(root.resolve("run/api.sock"))),
        root.resolve("run/junction.pid"),
        DaemonLog.Level.DEBUG,
        List.of());
  }

  Path socket() {
    return root.resolve("run/api.sock");
  }

  String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    daemon.stop();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
