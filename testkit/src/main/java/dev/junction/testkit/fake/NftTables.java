package dev.junction.testkit.fake;

import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.nft.NftTableState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The nftables tables of a namespace, as whole tables. Rule text is never parsed here: a rule that
 * nft would reject as a syntax error is only caught by the real kernel.
 */
final class NftTables {

  private final LinkedHashMap<String, NftTable> tables = new LinkedHashMap<>();

  private static String key(NftFamily family, String name) {
    return family.keyword() + " " + name;
  }

  /** All or nothing: the changes are applied to a copy that replaces the tables at the end. */
  void apply(NftRuleset ruleset) {
    LinkedHashMap<String, NftTable> next = new LinkedHashMap<>(tables);
    for (NftRuleset.Change change : ruleset.changes()) {
      switch (change) {
        case NftRuleset.ReplaceTable(NftTable table) -> {
          // Replacing deletes and recreates the table, so it moves to the end of the listing.
          next.remove(table.qualifiedName());
          next.put(table.qualifiedName(), table);
        }
        case NftRuleset.DeleteTable(NftFamily family, String name) ->
            next.remove(key(family, name));
      }
    }
    tables.clear();
    tables.putAll(next);
  }

  Optional<NftTableState> find(NftFamily family, String name) {
    return Optional.ofNullable(tables.get(key(family, name))).map(NftTableState::of);
  }

  List<String> list() {
    return new ArrayList<>(tables.keySet());
  }

  /** How {@link FakeKernel#log()} describes a ruleset, since its text is nft's business. */
  static String describe(NftRuleset ruleset) {
    List<String> parts = new ArrayList<>();
    for (NftRuleset.Change change : ruleset.changes()) {
      parts.add(
          switch (change) {
            case NftRuleset.ReplaceTable(NftTable table) ->
                "replace table " + table.qualifiedName();
            case NftRuleset.DeleteTable(NftFamily family, String name) ->
                "delete table " + key(family, name);
          });
    }
    return String.join("; ", parts);
  }
}
