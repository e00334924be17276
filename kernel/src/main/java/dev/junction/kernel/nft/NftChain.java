package dev.junction.kernel.nft;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain and its rules.
 *
 * @param base the hook it is attached to; empty for a regular chain reached by jump or goto
 */
public record NftChain(String name, Optional<NftBaseChain> base, List<NftRule> rules) {

  public NftChain {
    NftNames.requireIdentifier("chain", name);
    Objects.requireNonNull(base);
    rules = List.copyOf(rules);
  }

  public static NftChain regular(String name, List<NftRule> rules) {
    return new NftChain(name, Optional.empty(), rules);
  }

  public static NftChain base(String name, NftBaseChain base, List<NftRule> rules) {
    return new NftChain(name, Optional.of(base), rules);
  }

  void render(StringBuilder out) {
    out.append("\tchain ").append(name).append(" {\n");
    base.ifPresent(b -> out.append("\t\t").append(b.render()).append('\n'));
    for (NftRule rule : rules) {
      out.append("\t\t").append(rule.render()).append('\n');
    }
    out.append("\t}\n");
  }
}
