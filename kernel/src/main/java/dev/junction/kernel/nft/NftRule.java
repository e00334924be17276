package dev.junction.kernel.nft;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One nftables rule, made from a template owned by code and typed values:
 *
 * <pre>{@code
 * NftRule.of("iifname {} oifname != {} ip saddr {} masquerade", bridge, bridge, subnet)
 * }</pre>
 *
 * <p>The template may hold only lower-case words, numbers and the operators nft rules use; no
 * quotes, semicolons, braces, comments, variables or line breaks, so it cannot start another
 * command. Each {@code {}} takes one value: an {@link IpAddress}, {@link IpPrefix}, {@link
 * MacAddress} or non-negative integer is printed as itself; a non-empty {@link String} is validated
 * and quoted; a non-empty {@link Collection} of those becomes an anonymous set {@code { a, b }}.
 */
public final class NftRule {

  private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9 _.:/,!=<>\\[\\]-]+");

  private final String text;
  private final Optional<String> comment;

  private NftRule(String text, Optional<String> comment) {
    this.text = text;
    this.comment = comment;
  }

  /** Fills the template's {@code {}} holes with {@code values}, in order. */
  public static NftRule of(String template, Object... values) {
    Objects.requireNonNull(template, "template");
    String[] pieces = template.split("\\{}", -1);
    for (String piece : pieces) {
      if (!piece.isEmpty() && !TEMPLATE.matcher(piece).matches()) {
        throw new IllegalArgumentException(
            "nftables rule template \""
                + template
                + "\" holds characters outside lower-case words, numbers and operators");
      }
    }
    if (pieces.length - 1 != values.length) {
      throw new IllegalArgumentException(
          "nftables rule template \""
              + template
              + "\" has "
              + (pieces.length - 1)
              + " holes but "
              + values.length
              + " values were given");
    }
    StringBuilder text = new StringBuilder(pieces[0]);
    for (int i = 0; i < values.length; i++) {
      text.append(render(values[i], true)).append(pieces[i + 1]);
    }
    String rule = text.toString().strip();
    if (rule.isEmpty()) {
      throw new IllegalArgumentException("nftables rule template is empty");
    }
    return new NftRule(rule, Optional.empty());
  }

  private static String render(Object value, boolean allowSet) {
    return switch (value) {
      case null -> throw new IllegalArgumentException("nftables rule value is null");
      case IpAddress address -> address.toString();
      case IpPrefix prefix -> prefix.toString();
      case MacAddress mac -> mac.toString();
      case Integer number when number >= 0 -> number.toString();
      case Long number when number >= 0 -> number.toString();
      // nft refuses an empty string value ("Empty string is not allowed"): refuse it here.
      case String string when string.isEmpty() ->
          throw new IllegalArgumentException("nftables rule value is an empty string");
      case String string -> NftNames.quote(string);
      case Collection<?> set when allowSet && !set.isEmpty() -> {
        StringBuilder text = new StringBuilder("{ ");
        for (Object element : set) {
          if (text.length() > 2) {
            text.append(", ");
          }
          text.append(render(element, false));
        }
        yield text.append(" }").toString();
      }
      default ->
          throw new IllegalArgumentException(
              "nftables rule value "
                  + value
                  + " ("
                  + value.getClass().getSimpleName()
                  + ") cannot be used");
    };
  }

  /**
   * The same rule tagged with a comment. Comments are how a listing tells rules apart, so give
   * every rule the engine may need to find one.
   */
  public NftRule withComment(String value) {
    NftNames.quote("comment", value, NftNames.MAX_COMMENT);
    return new NftRule(text, Optional.of(value));
  }

  /** The rule as nft reads it, without the comment. */
  public String text() {
    return text;
  }

  public Optional<String> comment() {
    return comment;
  }

  String render() {
    return comment
        .map(c -> text + " comment " + NftNames.quote("comment", c, NftNames.MAX_COMMENT))
        .orElse(text);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NftRule rule && rule.text.equals(text) && rule.comment.equals(comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, comment);
  }

  @Override
  public String toString() {
    return render();
  }
}
