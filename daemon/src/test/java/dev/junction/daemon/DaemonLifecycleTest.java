package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.testkit.fake.FakeKernel;
import dev.junction.testkit.http.UnixHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starting, refusing, and stopping a daemon; its flags and config file. */
class DaemonLifecycleTest {

  @TempDir Path temp;

  @Test
  void theSocketIsPrivateThePidIsWrittenAndASecondDaemonOnTheDataRootIsRefused() throws Exception {
    try (TestDaemon first = new TestDaemon(Files.createTempDirectory("junction-lifecycle"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.socket())))
          .isEqualTo("rw-rw----");
      assertThat(Files.readString(first.config.pidFile()).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      DaemonConfig second = TestDaemon.config(first.root);
      assertThatThrownBy(
              () ->
                  Daemon.start(
                      second,
                      new DaemonLog(DaemonLog.Level.ERROR, System.err),
                      () -> new FakeKernel(first.root.resolve("netns"))))
          .hasMessage(
              "another junction daemon (pid "
                  + ProcessHandle.current().pid()
                  + ") is using data root "
                  + first.root.resolve("data"));
      assertThat(first.client.get("/_ping").status()).isEqualTo(200);
    }
  }

  @Test
  void stopEndsEventStreamsRemovesSocketAndPidFileAndKeepsTheNetworks() throws Exception {
    Path root = Files.createTempDirectory("junction-lifecycle");
    TestDaemon daemon = new TestDaemon(root);
    try {
      assertThat(daemon.client.post("/networks/create", "{\"Name\":\"kept\"}").status())
          .isEqualTo(201);
      CompletableFuture<UnixHttpClient.Answer> stream =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return daemon.client.get("/events");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      long begun = System.nanoTime();
      daemon.daemon.stop();
      assertThat(stream.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(System.nanoTime() - begun).isLessThan(TimeUnit.SECONDS.toNanos(5));
      assertThat(daemon.socket()).doesNotExist();
      assertThat(daemon.config.pidFile()).doesNotExist();

      // A stale socket file, as a killed daemon leaves, does not stop the next start.
      Files.createFile(daemon.socket());
      Daemon again =
          Daemon.start(
              daemon.config, new DaemonLog(DaemonLog.Level.ERROR, System.err), () -> daemon.kernel);
      try {
        assertThat(daemon.client.get("/networks/kept").status()).isEqualTo(200);
      } finally {
        again.stop();
      }
    } finally {
      daemon.close();
    }
  }

  private static DaemonMain parse(String... args) {
    DaemonMain main = new DaemonMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  @Test
  void flagsWinOverTheConfigFileWhichWinsOverDefaults() throws Exception {
    Path file = temp.resolve("daemon.json");
    Files.writeString(
        file,
        """
        {"data-root": "/srv/junction", "hosts": ["unix:///srv/j.sock", "tcp://127.0.0.1:2399"],
         "log-level": "warn",
         "default-address-pools": [{"base": "10.200.0.0/16", "size": 24}]}
        """);
    DaemonConfig config =
        parse("--config-file", file.toString(), "--log-level", "debug", "--exec-root", "/tmp/x")
            .config();
    assertThat(config.dataRoot()).isEqualTo(Path.of("/srv/junction"));
    assertThat(config.execRoot()).isEqualTo(Path.of("/tmp/x"));
    assertThat(config.pidFile()).isEqualTo(Path.of("/tmp/x/junction.pid"));
    assertThat(config.logLevel()).isEqualTo(DaemonLog.Level.DEBUG);
    assertThat(config.hosts())
        .containsExactly(
            new DaemonConfig.Listener.Unix(Path.of("/srv/j.sock")),
            new DaemonConfig.Listener.Tcp("127.0.0.1", 2399));
    assertThat(config.defaultAddressPools()).hasSize(1);
    assertThat(config.defaultAddressPools().getFirst().size()).isEqualTo(24);

    DaemonConfig defaults =
        parse("--config-file", DaemonMain.DEFAULT_CONFIG_FILE.toString()).config();
    if (!Files.exists(DaemonMain.DEFAULT_CONFIG_FILE)) {
      assertThat(defaults.dataRoot()).isEqualTo(Path.of("/var/lib/junction"));
      assertThat(defaults.netnsDir()).isEqualTo(Path.of("/run/netns"));
      assertThat(defaults.hosts())
          .containsExactly(new DaemonConfig.Listener.Unix(Path.of("/run/junction/junction.sock")));
      assertThat(defaults.logLevel()).isEqualTo(DaemonLog.Level.INFO);
    }
  }

  @Test
  void badConfigurationIsRefusedWithAClearMessage() throws Exception {
    Path file = temp.resolve("daemon.json");
    Files.writeString(file, "{\"data-root\": \"/srv\", \"colour\": \"red\"}");
    assertThatThrownBy(() -> parse("--config-file", file.toString()).config())
        .hasMessageContaining("unknown key \"colour\"");
    Files.writeString(file, "{\"data-root\": ");
    assertThatThrownBy(() -> parse("--config-file", file.toString()).config())
        .hasMessageContaining("is not valid JSON");
    assertThatThrownBy(() -> parse("--config-file", temp.resolve("none.json").toString()).config())
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> parse("-H", "tcp://0.0.0.0:2375").config())
        .hasMessageContaining("loopback only");
    assertThatThrownBy(() -> parse("-H", "unix://relative.sock").config())
        .hasMessageContaining("must be absolute");
    assertThatThrownBy(() -> parse("--log-level", "loud").config())
        .hasMessageContaining("invalid log level \"loud\"");
    assertThatThrownBy(() -> parse("--default-address-pool", "base=10.0.0.0/8").config())
        .hasMessageContaining("10.0.0.0/8");
  }

  @Test
  void theUsualCommandLinesParseWithoutPicocliToTheSameConfiguration() throws Exception {
    Path file = temp.resolve("daemon.json");
    Files.writeString(file, "{\"log-level\": \"warn\"}");
    List<List<String>> lines =
        List.of(
            List.of("--config-file", file.toString()),
            List.of(
                "--config-file",
                file.toString(),
                "--data-root",
                "/srv/d",
                "--exec-root=/srv/e",
                "--netns-dir",
                "/srv/n",
                "--etc-netns",
                "/srv/etc",
                "-H",
                "unix:///srv/a.sock",
                "--host=tcp://127.0.0.1:2399",
                "--pidfile",
                "/srv/p.pid",
                "--log-level",
                "debug",
                "--default-address-pool",
                "base=10.90.0.0/16,size=24",
                "--default-address-pool=base=10.91.0.0/16,size=26"));
    for (List<String> line : lines) {
      String[] args = line.toArray(String[]::new);
      assertThat(DaemonMain.parseUsual(args))
          .as("%s", line)
          .hasValueSatisfying(
              usual -> {
                try {
                  assertThat(usual.config()).isEqualTo(parse(args).config());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    // Left to picocli, which answers them in its words.
    for (List<String> line :
        List.of(
            List.of("--help"),
            List.of("-V"),
            List.of("--no-such-flag"),
            List.of("--data-root"),
            List.of("--data-root", "--exec-root", "/x"),
            List.of("--data-root", "/a", "--data-root", "/b"),
            List.of("--data-root="),
            List.of("-Hunix:///x.sock"))) {
      assertThat(DaemonMain.parseUsual(line.toArray(String[]::new))).as("%s", line).isEmpty();
    }
  }

  @Test
  void mainPrintsOneLineAndExitsNonZeroOnBadFlags() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine command = new CommandLine(new DaemonMain());
    command.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
    int status = command.execute("--no-such-flag");
    assertThat(status).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void listenerParsingNamesTheBadValue() {
    assertThat(DaemonConfig.Listener.parse("unix:///run/x.sock"))
        .isEqualTo(new DaemonConfig.Listener.Unix(Path.of("/run/x.sock")));
    assertThat(DaemonConfig.Listener.parse("tcp://localhost:2375"))
        .isEqualTo(new DaemonConfig.Listener.Tcp("127.0.0.1", 2375));
    assertThatThrownBy(() -> DaemonConfig.Listener.parse("http://x"))
        .hasMessageContaining("\"http://x\"");
  }
}
