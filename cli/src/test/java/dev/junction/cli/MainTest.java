package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import dev.junction.cli.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path directory;

  @Test
  void usageErrorsAreOneLineInPicocliWordsWithStatusTwo() {
    Result missing = Cli.run("", "network", "create");
    Result unknown = Cli.run("", "network", "ls", "--bogus");
    Result command = Cli.run("", "netwrk", "ls");

    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "junction: Missing required parameter: 'NETWORK' (see 'junction network create --help')\n");
    assertThat(unknown.err())
        .isEqualTo("junction: Unknown option: '--bogus' (see 'junction network ls --help')\n");
    assertThat(command.status()).isEqualTo(2);
    assertThat(command.err())
        .startsWith("junction: Unmatched arguments from index 0: 'netwrk', 'ls'");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void aBadHostIsAUsageError() {
    Result result = Cli.run("", "-H", "tcp://nowhere", "network", "ls");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("junction: invalid host \"tcp://nowhere\": expected tcp://HOST:PORT\n");
  }

  @Test
  void anUnreachableDaemonIsOneLine() {
    Result result = Cli.run("", "-H", "unix://" + directory.resolve("none.sock"), "network", "ls");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "junction: cannot connect to the Junction daemon at unix://"
                + directory.resolve("none.sock")
                + ": is it running?\n");
  }

  @Test
  void anAnswerThatIsNotJsonIsOneLine() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, "<html>"))) {
      Result result = Cli.run(daemon, "network", "ls");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "junction: the daemon's answer to /networks is not JSON: unexpected character '<' at"
                  + " offset 0\n");
    }
  }

  @Test
  void anErrorWithoutJsonShowsTheText() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(500, "it broke"))) {
      assertThat(Cli.run(daemon, "network", "ls").err())
          .isEqualTo("Error response from daemon: it broke\n");
    }
  }

  @Test
  void versionAndHelp() {
    Result version = Cli.run("", "--version");
    Result help = Cli.run("", "network", "ls", "--help");
    Result group = Cli.run("", "sandbox");

    assertThat(version.out()).startsWith("junction version ");
    assertThat(help.status()).isZero();
    assertThat(help.out())
        .startsWith("Usage: junction network ls")
        .contains("-q, --quiet", "--no-trunc", "-f, --filter=KEY=VALUE", "-h, --help");
    assertThat(group.out()).contains("create", "ls", "inspect", "rm", "exec");
    assertThat(Cli.run("").out()).contains("network", "sandbox", "system", "daemon", "completion");
  }

  @Test
  void theHostComesFromTheEnvironmentWithoutDashH() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, "[]"))) {
      Session session =
          new Session(
              java.io.InputStream.nullInputStream(),
              new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
              new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
              java.util.Map.of(Session.HOST_VARIABLE, daemon.host()),
              java.time.Clock.systemUTC());

      assertThat(Main.run(new String[] {"network", "ls"}, session)).isZero();
      assertThat(daemon.requests()).hasSize(1);
    }
  }
}
