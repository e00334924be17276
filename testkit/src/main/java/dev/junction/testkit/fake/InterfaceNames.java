package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names ({@code dev_valid_name}) and alternative names. */
final class InterfaceNames {

  /** {@code IFNAMSIZ}: names are at most 15 bytes plus the terminating NUL. */
  private static final int IFNAMSIZ = 16;

  /** {@code ALTIFNAMSIZ}. */
  private static final int ALTIFNAMSIZ = 128;

  private InterfaceNames() {}

  /**
   * Checks a name for a new or renamed link. Length is checked first because netlink's attribute
   * policy rejects long names before the kernel looks at anything else.
   */
  static void requireValid(String name) {
    requireLength(name);
    requireWellFormed(name);
  }

  static void requireLength(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
      throw new Refusal(Errno.ERANGE, "Attribute failed policy validation");
    }
  }

  static void requireWellFormed(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new Refusal(Errno.EINVAL);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == ':' || Character.isWhitespace(c)) {
        throw new Refusal(Errno.EINVAL);
      }
    }
  }

  /**
   * Alternative names only have a length limit: the kernel stores them as given, so even {@code
   * a/b} or an empty name is accepted.
   */
  static void requireValidAltName(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length >= ALTIFNAMSIZ) {
      throw new Refusal(Errno.ERANGE, "Attribute failed policy validation");
    }
  }
}
