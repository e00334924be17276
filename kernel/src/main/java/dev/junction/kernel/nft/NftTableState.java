package dev.junction.kernel.nft;

import java.util.List;
import java.util.Optional;

/**
 * What a listing tells of a table: its chains, their hooks, and for each rule its comment. Rule
 * text is not compared (nft prints rules in its own normal form, with counters), so the engine tags
 * the rules it needs to recognise with comments.
 */
public record NftTableState(NftFamily family, String name, List<Chain> chains) {

  public NftTableState {
    chains = List.copyOf(chains);
  }

  /**
   * @param ruleComments one element per rule, in order: its comment, or empty for a rule without
   */
  public record Chain(String name, Optional<NftBaseChain> base, List<String> ruleComments) {
    public Chain {
      ruleComments = List.copyOf(ruleComments);
    }
  }

  /** What listing {@code table} should show once it is applied. */
  public static NftTableState of(NftTable table) {
    return new NftTableState(
        table.family(),
        table.name(),
        table.chains().stream()
            .map(
                chain ->
                    new Chain(
                        chain.name(),
                        chain.base(),
                        chain.rules().stream().map(rule -> rule.comment().orElse("")).toList()))
            .toList());
  }
}
