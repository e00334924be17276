package dev.junction.cli.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

  @Test
  void sortsNamesAsDockerListsThem() {
    List<String> names =
        new ArrayList<>(
            List.of("net10", "net2", "bridge", "net02", "host", "Net1", "none", "1net", "net"));

    names.sort(NaturalOrder.INSTANCE);

    assertThat(names)
        .containsExactly("1net", "Net1", "bridge", "host", "net", "net2", "net02", "net10", "none");
  }

  @Test
  void equalNamesCompareEqual() {
    assertThat(NaturalOrder.INSTANCE.compare("a10", "a10")).isZero();
  }
}
