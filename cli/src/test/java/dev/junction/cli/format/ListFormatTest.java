package dev.junction.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListFormatTest {

  static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
  static final String RAW = "network_id: {{.ID}}\\nname: {{.Name}}\\n";
  static final Map<String, String> TITLES =
      Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Scope", "SCOPE");

  static final List<ListFormat.Row> ROWS =
      List.of(
          row("aee769ff0a02", "bridge", "bridge", Map.of()),
          row("86fc36e81d04", "host", "host", Map.of("tier", "front")));

  private static ListFormat.Row row(
      String id, String name, String driver, Map<String, String> labels) {
    JsonObject fields =
        new JsonObject()
            .put("Driver", driver)
            .put("ID", id)
            .put("Name", name)
            .put("Scope", "local");
    return new ListFormat.Row(fields, labels);
  }

  private static String render(String flag, boolean quiet) throws Exception {
    return ListFormat.choose(flag, quiet, TABLE, RAW, "network_id: {{.ID}}").render(ROWS, TITLES);
  }

  @Test
  void theDefaultIsDockersTable() throws Exception {
    String expected =
        """
        NETWORK ID     NAME      DRIVER    SCOPE
        aee769ff0a02   bridge    bridge    local
        86fc36e81d04   host      host      local
        """;

    assertThat(render("", false)).isEqualTo(expected);
    assertThat(render("table", false)).isEqualTo(expected);
  }

  @Test
  void quietPrintsIdsOnly() throws Exception {
    assertThat(render("", true)).isEqualTo("aee769ff0a02\n86fc36e81d04\n");
  }

  @Test
  void jsonPrintsOneObjectPerRow() throws Exception {
    assertThat(render("json", true))
        .isEqualTo(
            "{\"Driver\":\"bridge\",\"ID\":\"aee769ff0a02\",\"Name\":\"bridge\",\"Scope\":\"local\"}\n"
                + "{\"Driver\":\"host\",\"ID\":\"86fc36e81d04\",\"Name\":\"host\",\"Scope\":\"local\"}\n");
  }

  @Test
  void aTemplateRunsOncePerRowWithEscapedTabs() throws Exception {
    assertThat(render("{{.ID}}\\t{{.Driver}}", false))
        .isEqualTo("aee769ff0a02\tbridge\n86fc36e81d04\thost\n");
    assertThat(render("{{.Name}} {{.Label \"tier\"}}", false)).isEqualTo("bridge \nhost front\n");
  }

  @Test
  void aTableTemplateHasTitlesAndAlignedColumns() throws Exception {
    assertThat(render("table {{.Name}}\\t{{json .Driver}}", false))
        .isEqualTo("NAME      DRIVER\nbridge    \"bridge\"\nhost      \"host\"\n");
  }

  @Test
  void aTableWithNoRowsStillHasItsTitles() throws Exception {
    assertThat(ListFormat.choose("", false, TABLE, RAW, "").render(List.of(), TITLES))
        .isEqualTo("NETWORK ID   NAME      DRIVER    SCOPE\n");
  }

  @Test
  void rawIsDockersRawFormat() throws Exception {
    assertThat(render("raw", false))
        .isEqualTo(
            "network_id: aee769ff0a02\nname: bridge\n\nnetwork_id: 86fc36e81d04\nname: host\n\n");
    assertThat(render("raw", true))
        .isEqualTo("network_id: aee769ff0a02\nnetwork_id: 86fc36e81d04\n");
  }

  @Test
  void templateErrorsSayTemplateParsingError() {
    assertThatThrownBy(() -> render("{{.Nope}}", false))
        .hasMessageStartingWith(
            "template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope");
    assertThatThrownBy(() -> render("{{.Name", false))
        .hasMessage("template parsing error: template: :1: unclosed action");
  }
}
