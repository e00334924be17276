package dev.junction.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.json.JsonValue;
import org.junit.jupiter.api.Test;

class TemplateTest {

  /** A network as the daemon sends it, with maps (Containers, Options, Labels) out of order. */
  static final String NETWORK =
      """
      {"Name":"front","Id":"3c1f8e2a9b7d","Created":"2026-01-02T03:04:05.1Z","Scope":"local",\
      "Driver":"bridge","EnableIPv4":true,"EnableIPv6":false,\
      "IPAM":{"Driver":"default","Options":null,"Config":[{"Subnet":"10.1.0.0/24",\
      "Gateway":"10.1.0.1"},{"Subnet":"fd00::/64"}]},"Internal":false,\
      "Containers":{"bbb":{"Name":"db","IPv4Address":"10.1.0.3/24"},\
      "aaa":{"Name":"web","IPv4Address":"10.1.0.2/24"}},\
      "Options":{},"Labels":{"z":"1","a":"<2>"}}""";

  private static String run(String template) throws Exception {
    return Template.parse(template).execute(JsonValue.parse(NETWORK), GoShape.NETWORK, true);
  }

  @Test
  void printsFieldsAndNestedFields() throws Exception {
    assertThat(run("{{.Name}} {{.Id}} {{.IPAM.Driver}} {{.EnableIPv6}}"))
        .isEqualTo("front 3c1f8e2a9b7d default false");
  }

  @Test
  void jsonSortsMapKeysKeepsStructOrderAndEscapesNoHtml() throws Exception {
    assertThat(run("{{json .Containers}}"))
        .isEqualTo(
            "{\"aaa\":{\"Name\":\"web\",\"IPv4Address\":\"10.1.0.2/24\"},"
                + "\"bbb\":{\"Name\":\"db\",\"IPv4Address\":\"10.1.0.3/24\"}}");
    assertThat(run("{{json .Labels}}")).isEqualTo("{\"a\":\"<2>\",\"z\":\"1\"}");
    assertThat(run("{{json .IPAM.Options}} {{json .Name}}")).isEqualTo("null \"front\"");
  }

  @Test
  void printsMapsStructsListsAndNilAsGoDoes() throws Exception {
    assertThat(run("{{.Labels}}")).isEqualTo("map[a:<2> z:1]");
    assertThat(run("{{.IPAM.Config}}")).isEqualTo("[{10.1.0.0/24 10.1.0.1} {fd00::/64}]");
    assertThat(run("{{.IPAM.Options}}")).isEqualTo("map[]");
    assertThat(run("{{.Options}}")).isEqualTo("map[]");
  }

  @Test
  void rangesOverListsAndMapsInKeyOrder() throws Exception {
    assertThat(run("{{range .IPAM.Config}}{{.Subnet}};{{end}}"))
        .isEqualTo("10.1.0.0/24;fd00::/64;");
    assertThat(run("{{range $id, $c := .Containers}}{{$id}}={{$c.Name}} {{end}}"))
        .isEqualTo("aaa=web bbb=db ");
    assertThat(run("{{range .Options}}x{{else}}none{{end}}")).isEqualTo("none");
    assertThat(run("{{range $i, $e := .IPAM.Config}}{{$i}}{{end}}")).isEqualTo("01");
  }

  @Test
  void branchesOnGoTruth() throws Exception {
    assertThat(run("{{if .Internal}}internal{{else if .EnableIPv4}}v4{{else}}no{{end}}"))
        .isEqualTo("v4");
    assertThat(run("{{with .IPAM}}{{.Driver}}{{end}}")).isEqualTo("default");
    assertThat(run("{{if .Options}}yes{{else}}empty map is false{{end}}"))
        .isEqualTo("empty map is false");
    assertThat(run("{{if eq .Driver \"bridge\" \"host\"}}a bridge{{end}}")).isEqualTo("a bridge");
    assertThat(run("{{if and .EnableIPv4 (not .Internal)}}routed{{end}}")).isEqualTo("routed");
  }

  @Test
  void callsDockersFunctions() throws Exception {
    assertThat(run("{{upper .Name}} {{.Driver | title}} {{lower \"ABC\"}}"))
        .isEqualTo("FRONT Bridge abc");
    assertThat(run("{{join (split \"a,b,c\" \",\") \"+\"}} {{len .Containers}}"))
        .isEqualTo("a+b+c 2");
    assertThat(run("{{index .Labels \"z\"}}|{{index .Labels \"none\"}}|{{truncate .Id 4}}"))
        .isEqualTo("1||3c1f");
    assertThat(run("{{printf \"%s-%q\" .Name .Driver}} {{pad .Name 1 2}}|"))
        .isEqualTo("front-\"bridge\"  front  |");
    assertThat(run("{{(index .IPAM.Config 1).Subnet}}")).isEqualTo("fd00::/64");
  }

  @Test
  void trimsSpaceAtTrimMarkersAndSkipsComments() throws Exception {
    assertThat(run("a  {{- .Name -}}  \n b{{/* a comment */}}")).isEqualTo("afrontb");
  }

  @Test
  void aMissingStructFieldIsAnError() throws Exception {
    assertThatThrownBy(() -> run("{{.Nope}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"");
    assertThatThrownBy(
            () ->
                Template.parse("x {{.IPAM.Nope}}")
                    .execute(JsonValue.parse(NETWORK), GoShape.NETWORK, false))
        .hasMessage(
            "template: :1:4: executing \"\" at <.IPAM.Nope>: can't evaluate field Nope in type struct");
  }

  @Test
  void structFieldsAnswerToTheirGoNamesToo() throws Exception {
    assertThat(run("{{.ID}} {{.Id}}")).isEqualTo("3c1f8e2a9b7d 3c1f8e2a9b7d");
    JsonValue event =
        JsonValue.parse(
            "{\"Type\":\"network\",\"Action\":\"create\",\"Actor\":{\"ID\":\"3c1f\","
                + "\"Attributes\":{\"name\":\"front\"}},\"scope\":\"local\",\"time\":1795835436,"
                + "\"timeNano\":1795835436227573610}");
    assertThat(
            Template.parse("{{.Scope}} {{.Time}} {{.TimeNano}} {{.Actor.ID}} {{.time}}")
                .execute(event, GoShape.EVENT, false))
        .isEqualTo("local 1795835436 1795835436227573610 3c1f 1795835436");
    JsonValue version =
        JsonValue.parse(
            "{\"Client\":{\"ApiVersion\":\"1.50\"},"
                + "\"Server\":{\"ApiVersion\":\"1.50\",\"MinAPIVersion\":\"1.40\"}}");
    assertThat(
            Template.parse(
                    "{{.Client.APIVersion}} {{.Server.APIVersion}} {{.Server.MinAPIVersion}}")
                .execute(version, GoShape.SYSTEM, false))
        .isEqualTo("1.50 1.50 1.40");
    // Only a struct's fields: a map's keys are what they are.
    assertThat(run("{{.Labels.ID}}")).isEqualTo("<no value>");
  }

  @Test
  void aMissingMapKeyIsNoValue() throws Exception {
    assertThat(run("{{.Labels.none}}")).isEqualTo("<no value>");
  }

  @Test
  void parseErrorsReadAsGosNamingTheLine() {
    assertThatThrownBy(() -> Template.parse("{{.Name")).hasMessage("template: :1: unclosed action");
    assertThatThrownBy(() -> Template.parse("ok\n{{nope .Name}}"))
        .hasMessage("template: :2: function \"nope\" not defined");
    assertThatThrownBy(() -> Template.parse("{{if .Name}}x"))
        .hasMessage("template: :1: unexpected EOF: {{if}} has no {{end}}");
    assertThatThrownBy(() -> Template.parse("{{end}}"))
        .hasMessage("template: :1: unexpected {{end}}");
    assertThatThrownBy(() -> Template.parse("{{template \"x\"}}"))
        .hasMessageContaining("{{template}} is not supported");
  }

  @Test
  void headerRunsGiveTitlesAndFunctionsGiveThemBack() throws Exception {
    Template template =
        Template.parse("{{.ID}}\t{{json .Name}}\t{{upper .Driver}}\t{{.Label \"com.x.the-key\"}}");

    assertThat(
            template.executeHeader(
                java.util.Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER")))
        .isEqualTo("NETWORK ID\tNAME\tDRIVER\tthe key");
  }
}
