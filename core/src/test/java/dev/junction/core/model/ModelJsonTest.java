package dev.junction.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.id.EndpointId;
import dev.junction.core.id.NetworkId;
import dev.junction.core.id.SandboxId;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelJsonTest {

  private final Random random = new Random(11);

  @Test
  void anEndpointIsWrittenExactlyAsTheMapperWritesItAndReadsBackEqual() {
    for (int i = 0; i < 2000; i++) {
      Endpoint endpoint = randomEndpoint();
      String written = ModelJson.write(endpoint);
      assertThat(written).isEqualTo(ModelJson.writeWithMapper(endpoint));
      assertThat(ModelJson.read(written, Endpoint.class)).isEqualTo(endpoint);
    }
  }

  private Endpoint randomEndpoint() {
    return new Endpoint(
        EndpointId.random(),
        NetworkId.random(),
        SandboxId.random(),
        text(),
        "eth" + random.nextInt(20),
        random.nextInt(1000) - 1,
        random.nextBoolean() ? "veth" + random.nextInt(1000) : "",
        MacAddress.randomLocal(random),
        random.nextBoolean()
            ? Optional.of(InterfaceAddress.parse("10.1." + random.nextInt(256) + ".2/16"))
            : Optional.empty(),
        random.nextBoolean()
            ? Optional.of(
                InterfaceAddress.parse(
                    "fd00:" + Integer.toHexString(random.nextInt(65536)) + "::2/64"))
            : Optional.empty(),
        addresses(),
        addresses(),
        texts(),
        random.nextInt(200) - 100,
        random.nextBoolean() ? Optional.of(IpAddress.parse("10.1.0.1")) : Optional.empty(),
        random.nextBoolean() ? Optional.of(IpAddress.parse("fe80::1")) : Optional.empty(),
        options(),
        Instant.ofEpochSecond(
            1_700_000_000L + random.nextInt(100_000_000),
            random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000)),
        Lifecycle.values()[random.nextInt(Lifecycle.values().length)]);
  }

  private List<IpAddress> addresses() {
    List<IpAddress> addresses = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      addresses.add(
          random.nextBoolean()
              ? IpAddress.parse("192.0.2." + random.nextInt(256))
              : IpAddress.parse("2001:db8::" + Integer.toHexString(random.nextInt(65536))));
    }
    return addresses;
  }

  private List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      texts.add(text());
    }
    return texts;
  }

  private Map<String, String> options() {
    Map<String, String> options = new HashMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      options.put(text(), text());
    }
    return options;
  }

  /** Text with what needs escaping: quotes, backslashes, control characters, non-ASCII. */
  private String text() {
    String alphabet = "ab-_.\"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f é€\u2028\uD83D\uDE00";
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(8); i >= 0; i--) {
      text.append(
          random.nextInt(3) == 0
              ? alphabet.charAt(random.nextInt(alphabet.length()))
              : (char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}
