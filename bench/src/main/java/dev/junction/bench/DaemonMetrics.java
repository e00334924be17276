package dev.junction.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The sums and counts of Junction's histograms from {@code GET /metrics}: two scrapes around the
 * measured cycles tell how long the daemon's API handler and its engine took per request, on
 * average, so a client-side figure can be split into transport, API layer and engine.
 *
 * @param series {@code name_sum{labels}} and {@code name_count{labels}} to their values
 */
record DaemonMetrics(Map<String, Double> series) {

  DaemonMetrics {
    series = Map.copyOf(series);
  }

  static DaemonMetrics scrape(NetworkApi api) throws IOException {
    String text = NetworkApi.expect(api.client().get("/metrics"), 200, "GET /metrics").text();
    Map<String, Double> series = new HashMap<>();
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (line.startsWith("#") || space < 0) {
        continue;
      }
      String key = line.substring(0, space);
      if (key.contains("_sum") || key.contains("_count")) {
        series.put(key, Double.parseDouble(line.substring(space + 1)));
      }
    }
    return new DaemonMetrics(series);
  }

  /**
   * The mean of a histogram's observations made since {@code earlier}, in microseconds; {@code
   * labels} as they appear in the exposition ({@code {route="POST /networks/{id}/connect"}}) or
   * empty.
   */
  long meanMicrosSince(DaemonMetrics earlier, String histogram, String labels) {
    double sum = delta(earlier, histogram + "_sum" + labels);
    double count = delta(earlier, histogram + "_count" + labels);
    return count == 0 ? -1 : Math.round(sum / count * 1e6);
  }

  private double delta(DaemonMetrics earlier, String key) {
    return series.getOrDefault(key, 0.0) - earlier.series.getOrDefault(key, 0.0);
  }
}
