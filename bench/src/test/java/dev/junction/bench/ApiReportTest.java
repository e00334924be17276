package dev.junction.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The result lines of bench/run api and its command line. */
class ApiReportTest {

  private static Samples micros(long... values) {
    Samples samples = new Samples();
    for (long value : values) {
      samples.add(value * 1000);
    }
    return samples;
  }

  @Test
  void printsMedianP95AndTheRatioToJunctionWithTwoDecimals() {
    Samples junction = micros(1000, 1200, 1100, 5000);
    Samples docker = micros(20000, 22000, 21000, 90000);

    assertThat(ApiBenchmark.line("junction", "connect", junction, junction))
        .isEqualTo("system=junction op=connect median_us=1100 p95_us=5000 ratio=1.00");
    assertThat(ApiBenchmark.line("docker", "connect", docker, junction))
        .isEqualTo("system=docker op=connect median_us=21000 p95_us=90000 ratio=19.09");
    assertThat(ApiBenchmark.line("docker", "connect", docker, null)).endsWith(" ratio=n/a");
  }

  @Test
  void defaultsToTheIssuesCountsAndEverySystem() {
    ApiOptions options = ApiOptions.parse(new String[0]);

    assertThat(options.peers()).isFalse();
    assertThat(options.plan()).isEqualTo(new ApiPlan(200, 500, 100, 50));
    assertThat(options.systems()).containsExactly("junction", "docker", "netavark", "cni");
  }

  @Test
  void takesPeersCountsAndASubsetOfSystems() {
    ApiOptions options =
        ApiOptions.parse(
            new String[] {
              "--peers", "--cycles", "20", "--warmup", "5", "--systems", "cni,junction"
            });

    assertThat(options.peers()).isTrue();
    assertThat(options.plan()).isEqualTo(new ApiPlan(20, 5, 100, 5));
    assertThat(options.systems()).isEqualTo(List.of("cni", "junction"));
    assertThatThrownBy(() -> ApiOptions.parse(new String[] {"--systems", "podman"}))
        .hasMessageContaining("unknown system \"podman\"");
    assertThatThrownBy(() -> ApiOptions.parse(new String[] {"--cycles"}))
        .hasMessageContaining("--cycles needs a value");
  }
}
