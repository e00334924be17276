package dev.junction.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftNames;
import dev.junction.kernel.nft.NftTableState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads libnftables' JSON listings and turns its error text into {@link KernelException}s. */
final class NftListing {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CAUSE =
      Pattern.compile("(?:Could not process rule: |^Error: )([^\\n]+)", Pattern.MULTILINE);

  private NftListing() {}

  static String requireName(String name) {
    return NftNames.requireIdentifier("table", name);
  }

  /**
   * nft reports the kernel's refusal as "Could not process rule: TEXT" or "Error: TEXT" with the C
   * library's text for the errno; anything else (a syntax error) is EINVAL.
   */
  static KernelException failure(String operation, String error) {
    String text = error.strip();
    int errno = Errno.EINVAL.number();
    Matcher cause = CAUSE.matcher(text);
    while (cause.find() && errno == Errno.EINVAL.number()) {
      String reason = cause.group(1).strip();
      for (Errno candidate : Errno.values()) {
        if (candidate.text().equals(reason)) {
          errno = candidate.number();
          break;
        }
      }
    }
    return new KernelException(errno, operation, text);
  }

  private static JsonNode items(String json) {
    try {
      return JSON.readTree(json).path("nftables");
    } catch (IOException e) {
      throw new KernelException(
          Errno.EPROTO.number(),
          "nft -j list",
          "unreadable JSON from libnftables: " + e.getMessage());
    }
  }

  static NftTableState parseTable(String json, NftFamily family, String name) {
    Map<String, ChainBuilder> chains = new LinkedHashMap<>();
    for (JsonNode item : items(json)) {
      if (item.has("chain")) {
        JsonNode chain = item.get("chain");
        Optional<NftBaseChain> base =
            chain.has("hook")
                ? Optional.of(
                    NftBaseChain.fromKeywords(
                        chain.path("type").asText(),
                        chain.path("hook").asText(),
                        chain.path("prio").asInt(),
                        chain.path("policy").asText("accept")))
                : Optional.empty();
        chains.put(
            chain.path("name").asText(), new ChainBuilder(chain.path("name").asText(), base));
      } else if (item.has("rule")) {
        JsonNode rule = item.get("rule");
        ChainBuilder chain = chains.get(rule.path("chain").asText());
        if (chain != null) {
          chain.comments.add(rule.path("comment").asText(""));
        }
      }
    }
    return new NftTableState(
        family, name, chains.values().stream().map(ChainBuilder::build).toList());
  }

  static List<String> parseTables(String json) {
    List<String> tables = new ArrayList<>();
    for (JsonNode item : items(json)) {
      if (item.has("table")) {
        JsonNode table = item.get("table");
        tables.add(table.path("family").asText() + " " + table.path("name").asText());
      }
    }
    return tables;
  }

  private static final class ChainBuilder {
    private final String name;
    private final Optional<NftBaseChain> base;
    private final List<String> comments = new ArrayList<>();

    ChainBuilder(String name, Optional<NftBaseChain> base) {
      this.name = name;
      this.base = base;
    }

    NftTableState.Chain build() {
      return new NftTableState.Chain(name, base, comments);
    }
  }
}
