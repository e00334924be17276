package dev.junction.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run for the daemon's AOT cache ({@code bin/junction} runs it with {@code
 * -XX:AOTCacheOutput}, in a network and mount namespace of its own that end with it): a daemon
 * started on a new store and given the requests clients send most, then started again on what the
 * first left, so that the restore runs too. The classes of a start, a restore and those requests
 * are then loaded, linked and profiled in the cache, and the next daemon finds them ready: on a
 * two-core machine a start took 3.7 s with it, 4.7 s without (docs/daemon.md).
 *
 * <p>Its one argument is an empty directory for everything the daemons write. Exits with status 1,
 * naming the requests, when one is not answered as a daemon answers it.
 */
public final class AotTraining {
  private AotTraining() {}

  /** Sandboxes connected and disconnected in turn, so that the request path gets its profile. */
  private static final int CYCLES = 20;

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: AotTraining EMPTY-DIRECTORY");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath();
    Files.writeString(work.resolve("daemon.json"), "{}");
    String[] flags = {
      "--config-file", work.resolve("daemon.json").toString(),
      "--data-root", work.resolve("data").toString(),
      "--exec-root", work.resolve("run").toString(),
      "--netns-dir", work.resolve("netns").toString(),
      "--etc-netns", work.resolve("etc-netns").toString(),
      "--log-level", "debug"
    };
    Api api = new Api(work.resolve("run/junction.sock"));
    Daemon first = start(flags);
    try {
      firstStart(api);
    } finally {
      first.stop();
    }
    Daemon second = start(flags);
    try {
      restarted(api);
    } finally {
      second.stop();
    }
    if (!api.failures.isEmpty()) {
      System.err.println(
          "AotTraining: unexpected answers:\n  " + String.join("\n  ", api.failures));
      System.exit(1);
    }
    System.exit(0); // the cache is written as the JVM exits
  }

  /** A daemon as {@code junction daemon FLAGS} starts it, its log discarded. */
  private static Daemon start(String[] flags) throws Exception {
    CommandLine command = new CommandLine(new DaemonMain());
    command.parseArgs(flags);
    DaemonConfig config = ((DaemonMain) command.getCommand()).config();
    PrintStream discard =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    return Daemon.start(config, new DaemonLog(config.logLevel(), discard));
  }

  private static void firstStart(Api api) throws IOException {
    api.expect(200, "GET", "/_ping", null);
    api.expect(200, "HEAD", "/_ping", null);
    api.expect(200, "GET", "/version", null);
    api.expect(200, "GET", "/info", null);
    api.expect(
        201,
        "POST",
        "/networks/create",
        """
        {"Name":"front","Labels":{"tier":"front"},\
        "IPAM":{"Config":[{"Subnet":"10.200.1.0/24","IPRange":"10.200.1.0/25"}]}}""");
    api.expect(201, "POST", "/networks/create", "{\"Name\":\"back\",\"Internal\":true}");
    api.expect(409, "POST", "/networks/create", "{\"Name\":\"front\"}");
    api.expect(
        201,
        "POST",
        "/sandboxes/create",
        """
        {"Name":"web","ExtraHosts":["cache:10.200.1.99"],"NetworkingConfig":{"EndpointsConfig":\
        {"front":{"IPAMConfig":{"IPv4Address":"10.200.1.10"},"Aliases":["www"]}}}}""");
    api.expect(201, "POST", "/sandboxes/create", "{\"Name\":\"db\"}");
    api.expect(200, "POST", "/networks/back/connect", "{\"Container\":\"db\"}");
    api.expect(200, "POST", "/networks/front/connect", "{\"Container\":\"db\"}");
    api.expect(200, "POST", "/networks/back/connect", "{\"Container\":\"web\"}");
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      String name = "s" + cycle;
      api.expect(201, "POST", "/sandboxes/create", "{\"Name\":\"" + name + "\"}");
      api.expect(200, "POST", "/networks/front/connect", "{\"Container\":\"" + name + "\"}");
      api.expect(200, "POST", "/networks/front/disconnect", "{\"Container\":\"" + name + "\"}");
      api.expect(204, "DELETE", "/sandboxes/" + name, null);
    }
    api.expect(200, "GET", "/networks", null);
    api.expect(
        200, "GET", "/networks?filters=%7B%22driver%22%3A%7B%22bridge%22%3Atrue%7D%7D", null);
    api.expect(200, "GET", "/networks/front", null);
    api.expect(200, "GET", "/sandboxes", null);
    api.expect(200, "GET", "/sandboxes/web", null);
    api.expect(404, "GET", "/networks/missing", null);
    api.expect(403, "DELETE", "/networks/front", null);
    api.expect(200, "POST", "/networks/back/disconnect", "{\"Container\":\"web\"}");
    api.expect(200, "GET", "/system/check", null);
    api.expect(200, "GET", "/metrics", null);
    api.expect(200, "GET", "/events?since=0&until=" + Instant.now().getEpochSecond(), null);
  }

  private static void restarted(Api api) throws IOException {
    api.expect(200, "GET", "/_ping", null);
    api.expect(200, "GET", "/networks", null);
    api.expect(200, "GET", "/sandboxes", null);
    api.expect(200, "GET", "/system/check", null);
    api.expect(200, "POST", "/networks/back/disconnect", "{\"Container\":\"db\",\"Force\":true}");
    api.expect(204, "DELETE", "/sandboxes/web", null);
    api.expect(204, "DELETE", "/sandboxes/db", null);
    api.expect(204, "DELETE", "/networks/front", null);
    api.expect(200, "POST", "/networks/prune", null);
    api.expect(200, "GET", "/metrics", null);
  }

  /**
   * HTTP/1.1 over the daemon's unix socket, one request per connection, reading only the status:
   * the least that reaches every layer of the API.
   */
  private static final class Api {
    private final Path socket;
    private final List<String> failures = new ArrayList<>();

    Api(Path socket) {
      this.socket = socket;
    }

    void expect(int status, String method, String path, String body) throws IOException {
      int answered = send(method, "/v1.50" + path, body);
      if (answered != status) {
        failures.add(method + " " + path + ": " + answered + ", expected " + status);
      }
    }

    private int send(String method, String target, String body) throws IOException {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: junction\r\nConnection: close\r\n"
              + (body == null
                  ? ""
                  : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
              + "\r\n";
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        channel.write(ByteBuffer.wrap(content));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (channel.read(buffer) >= 0) {
          answer.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        String text = answer.toString(StandardCharsets.US_ASCII);
        // "HTTP/1.1 200 OK": the status is the second word of the first line
        String[] words = text.split(" ", 3);
        return words.length < 2 ? -1 : Integer.parseInt(words[1]);
      }
    }
  }
}
