package dev.junction.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeysTest {

  /** The rule as the documentation writes it; the code checks it by hand. */
  private static final Pattern RULE =
      Pattern.compile("[a-z0-9][a-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._:-]*)*");

  private static boolean accepted(String key) {
    try {
      return Keys.requireValid(key).equals(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Test
  void keysTheEngineWritesAreValid() {
    assertThat(accepted("network/4f0c1e")).isTrue();
    assertThat(accepted("endpoint/4f0c1e/9a8b")).isTrue();
    assertThat(accepted("ipam/default/10.0.0.0:16")).isTrue();
    assertThat(accepted("meta")).isTrue();
  }

  @Test
  void malformedKeysAreRefusedWithTheKeyNamed() {
    for (String bad :
        new String[] {"", "/a", "a/", "a//b", "A/b", "a:b", "a/:b", "a/.b", "-a", "a b", "a/b c"}) {
      assertThat(accepted(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Keys.requireValid("a//b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid store key \"a//b\"");
    assertThat(accepted("a".repeat(513))).isFalse();
    assertThat(accepted(null)).isFalse();
  }

  @Test
  void theCheckAgreesWithTheRuleOnRandomKeys() {
    String alphabet = "az09AZ._-:/ é";
    Random random = new Random(20261128);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder key = new StringBuilder();
      int length = random.nextInt(8);
      for (int j = 0; j < length; j++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = key.toString();
      assertThat(accepted(candidate))
          .as("\"%s\"", candidate)
          .isEqualTo(RULE.matcher(candidate).matches());
    }
  }
}
