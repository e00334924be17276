package dev.junction.cli.json;

import java.math.BigDecimal;

/**
 * A number, kept as its JSON text: printed back exactly as the daemon wrote it, however large.
 *
 * @param text a valid JSON number
 */
public record JsonNumber(String text) implements JsonValue {

  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /** True for numbers without a fraction or exponent. */
  public boolean integral() {
    return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
  }

  public BigDecimal decimal() {
    return new BigDecimal(text);
  }

  @Override
  public String asText(String otherwise) {
    return text;
  }

  @Override
  public long asLong(long otherwise) {
    try {
      return integral() ? Long.parseLong(text) : decimal().longValue();
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
