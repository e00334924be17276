package dev.junction.cli.session;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The order docker lists names in (its {@code sortorder.NaturalLess}): runs of digits compare by
 * their number, so {@code net2} comes before {@code net10}; digits come before other characters;
 * other bytes compare as UTF-8.
 */
public final class NaturalOrder implements Comparator<String> {
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String left, String right) {
    byte[] a = left.getBytes(StandardCharsets.UTF_8);
    byte[] b = right.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      boolean digitA = isDigit(a[i]);
      boolean digitB = isDigit(b[j]);
      if (digitA != digitB) {
        return digitA ? -1 : 1;
      }
      if (!digitA) {
        if (a[i] != b[j]) {
          return Integer.compare(a[i] & 0xff, b[j] & 0xff);
        }
        i++;
        j++;
        continue;
      }
      while (i < a.length && a[i] == '0') {
        i++;
      }
      while (j < b.length && b[j] == '0') {
        j++;
      }
      int startA = i;
      int startB = j;
      while (i < a.length && isDigit(a[i])) {
        i++;
      }
      while (j < b.length && isDigit(b[j])) {
        j++;
      }
      int lengthA = i - startA;
      int lengthB = j - startB;
      if (lengthA != lengthB) {
        return Integer.compare(lengthA, lengthB);
      }
      for (int k = 0; k < lengthA; k++) {
        if (a[startA + k] != b[startB + k]) {
          return Integer.compare(a[startA + k], b[startB + k]);
        }
      }
      if (startA != startB) { // the same number: fewer leading zeros first
        return Integer.compare(startA, startB);
      }
    }
    return Integer.compare(a.length, b.length); // equal so far: the longer sorts last
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
