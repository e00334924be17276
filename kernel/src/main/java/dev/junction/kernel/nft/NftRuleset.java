package dev.junction.kernel.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of nftables changes applied as one transaction: if any part fails, none of it applies.
 * Only the {@link Builder} makes one, from validated tables, so its text is safe to hand to nft.
 */
public final class NftRuleset {

  private final String text;
  private final List<Change> changes;

  private NftRuleset(String text, List<Change> changes) {
    this.text = text;
    this.changes = List.copyOf(changes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The nft input this batch is; what {@code nft -f} would read. */
  public String text() {
    return text;
  }

  /** The changes in order, for implementations that do not read {@link #text()}. */
  public List<Change> changes() {
    return changes;
  }

  /** One change of a batch. */
  public sealed interface Change {}

  /** Create the table, or replace every chain and rule of an existing one, atomically. */
  public record ReplaceTable(NftTable table) implements Change {
    public ReplaceTable {
      Objects.requireNonNull(table);
    }
  }

  /** Delete the table if it exists; nothing if it does not. */
  public record DeleteTable(NftFamily family, String name) implements Change {
    public DeleteTable {
      Objects.requireNonNull(family);
      NftNames.requireIdentifier("table", name);
    }
  }

  @Override
  public String toString() {
    return text;
  }

  public static final class Builder {
    private final List<Change> changes = new ArrayList<>();

    private Builder() {}

    public Builder replaceTable(NftTable table) {
      changes.add(new ReplaceTable(table));
      return this;
    }

    public Builder deleteTable(NftFamily family, String name) {
      changes.add(new DeleteTable(family, name));
      return this;
    }

    public NftRuleset build() {
      if (changes.isEmpty()) {
        throw new IllegalStateException("an nftables ruleset needs at least one change");
      }
      StringBuilder out = new StringBuilder();
      for (Change change : changes) {
        switch (change) {
          case ReplaceTable(NftTable table) -> {
            // "table X" creates it when missing, so the delete that follows always has a target;
            // the new definition then replaces the old one within the same transaction.
            out.append("table ").append(table.qualifiedName()).append('\n');
            out.append("delete table ").append(table.qualifiedName()).append('\n');
            table.render(out);
          }
          case DeleteTable(NftFamily family, String name) -> {
            out.append("table ").append(family.keyword()).append(' ').append(name).append('\n');
            out.append("delete table ")
                .append(family.keyword())
                .append(' ')
                .append(name)
                .append('\n');
          }
        }
      }
      return new NftRuleset(out.toString(), changes);
    }
  }
}
