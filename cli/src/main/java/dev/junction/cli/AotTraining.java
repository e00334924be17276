package dev.junction.cli;

import dev.junction.cli.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The training run for the CLI's AOT cache ({@code bin/junction} runs it with {@code
 * -XX:AOTCacheOutput}): the commands people run most, against a stand-in daemon in this process
 * that answers with fixed documents. Every class a command needs is then loaded, linked and
 * profiled in the cache, and the next start finds them ready. Writes nothing but the cache.
 */
public final class AotTraining {
  private AotTraining() {}

  private static final String NETWORK =
      """
      {"Name":"front","Id":"3c1f8e2a9b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",\
      "Created":"2026-01-02T03:04:05.123456789Z","Scope":"local","Driver":"bridge",\
      "EnableIPv4":true,"EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,\
      "Config":[{"Subnet":"10.1.0.0/24","Gateway":"10.1.0.1"}]},"Internal":false,\
      "Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,\
      "Containers":{"9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0":\
      {"Name":"web","EndpointID":"1a2b","MacAddress":"02:42:0a:01:00:02",\
      "IPv4Address":"10.1.0.2/24","IPv6Address":""}},"Options":{},"Labels":{"tier":"front"}}""";

  private static final String SANDBOX =
      """
      {"Id":"9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0","Name":"web",\
      "Created":"2026-01-02T03:04:05Z","Hostname":"web","NetnsPath":"/run/netns/web",\
      "OwnsNetns":true,"HostsPath":"/var/lib/junction/sandboxes/9f/hosts",\
      "ResolvConfPath":"/var/lib/junction/sandboxes/9f/resolv.conf","Dns":[],"DnsSearch":[],\
      "DnsOptions":[],"ExtraHosts":[],"NetworkSettings":{"GatewayNetwork":"front",\
      "Networks":{"front":{"IPAMConfig":null,"Aliases":[],"DriverOpts":null,"GwPriority":0,\
      "NetworkID":"3c1f","EndpointID":"1a2b","Gateway":"10.1.0.1","IPAddress":"10.1.0.2",\
      "IPPrefixLen":24,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\
      "MacAddress":"02:42:0a:01:00:02","InterfaceName":"eth0","DefaultRoute":true,\
      "DNSNames":["web"]}}}}""";

  private static final String EVENT =
      """
      {"Type":"network","Action":"connect","Actor":{"ID":"3c1f","Attributes":\
      {"container":"9f8e","name":"front","type":"bridge"}},"scope":"local",\
      "time":1767323045,"timeNano":1767323045123456789}""";

  private static final String[][] COMMANDS = {
    {"network", "ls"},
    {"network", "ls", "-q"},
    {"network", "ls", "--no-trunc", "--format", "json"},
    {"network", "ls", "--format", "table {{.Name}}\\t{{.Driver}}\\t{{.Labels}}"},
    {"network", "ls", "-f", "driver=bridge", "--format", "{{.ID}} {{json .Name}}"},
    {"network", "inspect", "front"},
    {"network", "inspect", "-f", "{{.Id}} {{json .Containers}}", "front"},
    {"network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "front"},
    {"network", "create", "--subnet", "10.1.0.0/24", "--gateway", "10.1.0.1", "front"},
    {"network", "connect", "--ip", "10.1.0.5", "--alias", "www", "front", "web"},
    {"network", "disconnect", "front", "web"},
    {"network", "rm", "front"},
    {"network", "prune", "-f"},
    {"sandbox", "ls"},
    {"sandbox", "inspect", "web"},
    {"sandbox", "create", "--network", "front,ip=10.1.0.5", "web"},
    {"sandbox", "rm", "web"},
    {"system", "info"},
    {"system", "version"},
    {"system", "events", "--since", "10m", "--until", "1s"},
    {"network", "inspect", "missing"},
  };

  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("junction-aot-");
    Path socket = directory.resolve("daemon.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread daemon = new Thread(new StandInDaemon(server), "junction-aot-daemon");
      daemon.setDaemon(true);
      daemon.start();
      PrintStream discard =
          new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      for (int round = 0; round < 3; round++) {
        for (String[] command : COMMANDS) {
          String[] line = new String[command.length + 2];
          line[0] = "-H";
          line[1] = "unix://" + socket;
          System.arraycopy(command, 0, line, 2, command.length);
          Main.run(
              line,
              new Session(
                  InputStream.nullInputStream(), discard, discard, Map.of(), Clock.systemUTC()));
        }
      }
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
    }
  }

  /** Answers each request with a fixed document for its path. */
  private record StandInDaemon(ServerSocketChannel server) implements Runnable {
    @Override
    public void run() {
      while (server.isOpen()) {
        try (SocketChannel connection = server.accept()) {
          answer(connection);
        } catch (IOException e) {
          return; // closed: training is over
        }
      }
    }

    private static void answer(SocketChannel connection) throws IOException {
      InputStream in = Channels.newInputStream(connection);
      String head = readHead(in);
      String target = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      in.readNBytes(length);
      int status = 200;
      String body;
      if (path.endsWith("/networks")) {
        body = "[" + NETWORK + "]";
      } else if (path.endsWith("/networks/missing")) {
        status = 404;
        body = "{\"message\":\"network missing not found\"}";
      } else if (path.contains("/networks/") && head.startsWith("GET")) {
        body = NETWORK;
      } else if (path.endsWith("/sandboxes")) {
        body = "[" + SANDBOX + "]";
      } else if (path.contains("/sandboxes/") && head.startsWith("GET")) {
        body = SANDBOX;
      } else if (path.endsWith("/create")) {
        status = 201;
        body = "{\"Id\":\"3c1f\",\"Warning\":\"\"}";
      } else if (path.endsWith("/prune")) {
        body = "{\"NetworksDeleted\":[\"front\"]}";
      } else if (path.endsWith("/info")) {
        body =
            "{\"ID\":\"x\",\"ServerVersion\":\"0\",\"Networks\":1,\"Sandboxes\":1,"
                + "\"Plugins\":{\"Network\":[\"bridge\"]},\"MemTotal\":8000000000,\"NCPU\":2}";
      } else if (path.endsWith("/version")) {
        body =
            "{\"Platform\":{\"Name\":\"Junction\"},\"Components\":[{\"Name\":\"Engine\","
                + "\"Version\":\"0\",\"Details\":{\"ApiVersion\":\"1.50\"}}],\"Version\":\"0\"}";
      } else if (path.endsWith("/events")) {
        body = EVENT + "\n\n" + EVENT + "\n";
        respond(connection, status, body, true);
        return;
      } else if (head.startsWith("DELETE")) {
        status = 204;
        body = "";
      } else {
        body = "";
      }
      respond(connection, status, body, false);
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      int b;
      while (matched < 4 && (b = in.read()) >= 0) {
        head.write(b);
        matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void respond(SocketChannel connection, int status, String body, boolean chunked)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
      head.append("Content-Type: application/json\r\n");
      if (chunked) {
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        head.append(Integer.toHexString(bytes.length))
            .append("\r\n")
            .append(body)
            .append("\r\n0\r\n\r\n");
        write(connection, head.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
      write(connection, head.toString().getBytes(StandardCharsets.ISO_8859_1));
      write(connection, bytes);
    }

    private static void write(SocketChannel connection, byte[] bytes) throws IOException {
      OutputStream out = Channels.newOutputStream(connection);
      out.write(bytes);
      out.flush();
    }
  }
}
