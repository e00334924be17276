package dev.junction.kernel.nft;

import java.util.Locale;
import java.util.Objects;

/**
 * What makes a chain a base chain: it is attached to a netfilter hook and sees packets there.
 *
 * @param priority lower runs first; {@code -100} is dstnat, {@code 0} filter, {@code 100} srcnat
 */
public record NftBaseChain(Type type, Hook hook, int priority, Policy policy) {

  public NftBaseChain {
    Objects.requireNonNull(type);
    Objects.requireNonNull(hook);
    Objects.requireNonNull(policy);
  }

  public enum Type {
    FILTER,
    NAT,
    ROUTE;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Hook {
    PREROUTING,
    INPUT,
    FORWARD,
    OUTPUT,
    POSTROUTING,
    INGRESS;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Policy {
    ACCEPT,
    DROP;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static <E extends Enum<E>> E fromKeyword(Class<E> type, String keyword) {
    try {
      return Enum.valueOf(type, keyword.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown nftables "
              + type.getSimpleName().toLowerCase(Locale.ROOT)
              + " \""
              + keyword
              + "\"",
          e);
    }
  }

  /** Builds one from the words nft prints ({@code filter}, {@code forward}, {@code accept}). */
  public static NftBaseChain fromKeywords(String type, String hook, int priority, String policy) {
    return new NftBaseChain(
        fromKeyword(Type.class, type),
        fromKeyword(Hook.class, hook),
        priority,
        fromKeyword(Policy.class, policy));
  }

  String render() {
    return "type "
        + type.keyword()
        + " hook "
        + hook.keyword()
        + " priority "
        + priority
        + "; policy "
        + policy.keyword()
        + ";";
  }
}
