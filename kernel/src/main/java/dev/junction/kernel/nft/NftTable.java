package dev.junction.kernel.nft;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A table with its chains: the unit the engine owns and replaces as a whole. */
public record NftTable(NftFamily family, String name, List<NftChain> chains) {

  public NftTable {
    Objects.requireNonNull(family);
    NftNames.requireIdentifier("table", name);
    chains = List.copyOf(chains);
    Set<String> seen = new HashSet<>();
    for (NftChain chain : chains) {
      if (!seen.add(chain.name())) {
        throw new IllegalArgumentException(
            "nftables table "
                + family.keyword()
                + " "
                + name
                + ": chain "
                + chain.name()
                + " appears twice");
      }
    }
  }

  /** {@code family name}, as nft names a table. */
  public String qualifiedName() {
    return family.keyword() + " " + name;
  }

  void render(StringBuilder out) {
    out.append("table ").append(qualifiedName()).append(" {\n");
    for (NftChain chain : chains) {
      chain.render(out);
    }
    out.append("}\n");
  }
}
