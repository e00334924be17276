package dev.junction.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiPathTest {

  @Test
  void encodesEachSegmentSoANameCannotAddOne() {
    assertThat(ApiPath.of("networks", "a/b?c=d", "connect").toString())
        .isEqualTo("/networks/a%2Fb%3Fc%3Dd/connect");
    assertThat(ApiPath.of("networks", "..").toString()).isEqualTo("/networks/%2E%2E");
    assertThat(ApiPath.of("networks", "né").toString()).isEqualTo("/networks/n%C3%A9");
  }

  @Test
  void leavesEmptyQueryValuesOut() {
    assertThat(ApiPath.of("events").query("since", "").query("until", "5").toString())
        .isEqualTo("/events?until=5");
  }

  @Test
  void encodesFiltersAsDockerDoes() {
    Filters filters = Filters.parse(List.of("Driver = bridge", "name=a", "name=b", "label=x=y"));

    assertThat(filters.toJson())
        .isEqualTo(
            "{\"driver\":{\"bridge\":true},\"name\":{\"a\":true,\"b\":true},\"label\":{\"x=y\":true}}");
    assertThat(Filters.parse(List.of()).toJson()).isEmpty();
    assertThatThrownBy(() -> Filters.parse(List.of("bogus")))
        .hasMessage(
            "invalid argument \"bogus\" for \"-f, --filter\" flag: bad format of filter (expected"
                + " name=value)");
  }
}
