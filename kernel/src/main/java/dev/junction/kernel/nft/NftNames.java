package dev.junction.kernel.nft;

import java.util.regex.Pattern;

/**
 * Checks for the names and strings that end up in nft's input; for code that builds nft commands.
 */
public final class NftNames {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  private static final int MAX_STRING = 255;
  static final int MAX_COMMENT = 128;

  private NftNames() {}

  /** A table, chain or set name: a letter, then letters, digits, {@code _} or {@code -}. */
  public static String requireIdentifier(String what, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid nftables "
              + what
              + " name \""
              + name
              + "\": use 1 to 64 letters, digits, '_' or '-', starting with a letter");
    }
    return name;
  }

  /**
   * A string value, quoted for nft. Printable ASCII only, and never a quote or backslash: nft has
   * no escape for them, so refusing them is what keeps a value from closing its quotes.
   */
  static String quote(String what, String value, int maxLength) {
    if (value == null || value.length() > maxLength) {
      throw new IllegalArgumentException(
          "invalid nftables " + what + " \"" + value + "\": at most " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "invalid nftables "
                + what
                + " \""
                + value.replaceAll("\\p{Cntrl}", "?")
                + "\": quotes, backslashes and control or non-ASCII characters are not allowed");
      }
    }
    return '"' + value + '"';
  }

  static String quote(String value) {
    return quote("string", value, MAX_STRING);
  }
}
