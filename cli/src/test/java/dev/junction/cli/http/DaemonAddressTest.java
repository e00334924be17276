package dev.junction.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonAddressTest {

  @Test
  void parsesUnixSockets() {
    assertThat(DaemonAddress.parse("unix:///run/junction/junction.sock"))
        .isEqualTo(new DaemonAddress.Unix(Path.of("/run/junction/junction.sock")));
    assertThat(DaemonAddress.parse(DaemonAddress.DEFAULT).toString())
        .isEqualTo("unix:///run/junction/junction.sock");
  }

  @Test
  void parsesTcpAddresses() {
    assertThat(DaemonAddress.parse("tcp://127.0.0.1:2375"))
        .isEqualTo(new DaemonAddress.Tcp("127.0.0.1", 2375));
    assertThat(DaemonAddress.parse("tcp://localhost:9").toString()).isEqualTo("tcp://localhost:9");
  }

  @Test
  void refusesOtherAddressesNamingThem() {
    assertThatThrownBy(() -> DaemonAddress.parse("unix://relative.sock"))
        .hasMessage(
            "invalid host \"unix://relative.sock\": the socket path must be absolute (unix:///PATH)");
    assertThatThrownBy(() -> DaemonAddress.parse("tcp://127.0.0.1"))
        .hasMessage("invalid host \"tcp://127.0.0.1\": expected tcp://HOST:PORT");
    assertThatThrownBy(() -> DaemonAddress.parse("/run/junction.sock"))
        .hasMessage(
            "invalid host \"/run/junction.sock\": expected unix:///PATH or tcp://127.0.0.1:PORT");
  }
}
