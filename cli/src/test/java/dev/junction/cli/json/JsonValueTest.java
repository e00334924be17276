package dev.junction.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValueTest {

  @Test
  void keepsFieldOrderAndNumberTextThroughParseAndWrite() throws Exception {
    String text =
        "{\"b\":1,\"a\":[true,false,null,-0.5e10,12345678901234567890],\"c\":{\"x\":\"y\"},"
            + "\"d\":{},\"e\":[]}";

    assertThat(JsonValue.parse(text).write()).isEqualTo(text);
  }

  @Test
  void toleratesWhitespaceBetweenTokens() throws Exception {
    assertThat(JsonValue.parse(" {\n \"a\" :\t[ 1 , 2 ] }\r\n").write()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void decodesEscapesAndWritesThemAsGoDoes() throws Exception {
    JsonValue value =
        JsonValue.parse("\"q\\\" b\\\\ s\\/ \\n\\t\\r\\b\\f \\u00e9 \\u2028 <&> \\u0001\"");

    assertThat(value.asText()).isEqualTo("q\" b\\ s/ \n\t\r\b\f é \u2028 <&> \u0001");
    // Go (1.22+, HTML escaping off): \b and \f short, U+2028 escaped, <&> as they are.
    assertThat(value.write()).isEqualTo("\"q\\\" b\\\\ s/ \\n\\t\\r\\b\\f é \\u2028 <&> \\u0001\"");
  }

  @Test
  void lookupsOfWhatIsNotThereAnswerMissing() throws Exception {
    JsonValue value = JsonValue.parse("{\"a\":{\"b\":null},\"n\":7,\"t\":true}");

    assertThat(value.get("a").get("b")).isEqualTo(JsonNull.NULL);
    assertThat(value.get("a").get("b").isAbsent()).isTrue();
    assertThat(value.get("x").get("y").get(3).isMissing()).isTrue();
    assertThat(value.get("x").asText("default")).isEqualTo("default");
    assertThat(value.get("n").asLong(0)).isEqualTo(7);
    assertThat(value.get("n").asText()).isEqualTo("7");
    assertThat(value.get("t").asBoolean(false)).isTrue();
    assertThat(value.get("a").asText("none")).isEqualTo("none");
  }

  @Test
  void buildsObjectsInOrder() {
    JsonObject object = new JsonObject().put("Name", "front").put("Internal", false).put("N", 3);
    object.putArray("List").add("a").addObject().put("x", "y");
    object.putObject("Empty");

    assertThat(object.write())
        .isEqualTo(
            "{\"Name\":\"front\",\"Internal\":false,\"N\":3,\"List\":[\"a\",{\"x\":\"y\"}],"
                + "\"Empty\":{}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\"}",
        "{\"a\":1,}",
        "[1,]",
        "[1 2]",
        "01",
        "1.",
        "-",
        "\"unterminated",
        "\"bad \\x escape\"",
        "\"control \u0001 char\"",
        "nul",
        "{} extra",
        "{'a':1}"
      })
  void refusesWhatIsNotJson(String text) {
    assertThatThrownBy(() -> JsonValue.parse(text))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining("at offset");
  }

  @Test
  void saysWhereTheTextStopsBeingJson() {
    assertThatThrownBy(() -> JsonValue.parse("{\"a\":1 \"b\":2}"))
        .hasMessage("expected ',' or '}' at offset 7");
  }

  @Test
  void refusesNestingDeeperThanAnyAnswer() {
    String deep = "[".repeat(600) + "]".repeat(600);

    assertThatThrownBy(() -> JsonValue.parse(deep)).hasMessageContaining("nesting deeper than");
  }
}
