package dev.junction.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.json.JsonValue;
import org.junit.jupiter.api.Test;

class InspectFormatTest {

  static final String FIRST =
      "{\"Name\":\"a\",\"Id\":\"1\",\"IPAM\":{\"Options\":null,\"Config\":[{\"Subnet\":\"10.1.0.0/24\"}]},"
          + "\"Containers\":{},\"Options\":{},\"Labels\":{\"k\":\"v \\\"q\\\" \\u003c\"},\"List\":[]}\n";
  static final String SECOND = "{\"Name\":\"b\",\"Id\":\"2\"}";

  private static InspectFormat twoNetworks(String flag) throws Exception {
    InspectFormat format = InspectFormat.parse(flag, GoShape.NETWORK);
    format.add(FIRST, JsonValue.parse(FIRST));
    format.add(SECOND, JsonValue.parse(SECOND));
    return format;
  }

  @Test
  void indentsTheDaemonsTextAsGosJsonIndentWithFourSpaces() throws Exception {
    assertThat(twoNetworks("").output())
        .isEqualTo(
            """
            [
                {
                    "Name": "a",
                    "Id": "1",
                    "IPAM": {
                        "Options": null,
                        "Config": [
                            {
                                "Subnet": "10.1.0.0/24"
                            }
                        ]
                    },
                    "Containers": {},
                    "Options": {},
                    "Labels": {
                        "k": "v \\"q\\" \\u003c"
                    },
                    "List": []
                },
                {
                    "Name": "b",
                    "Id": "2"
                }
            ]
            """);
  }

  @Test
  void jsonIsTheArrayCompact() throws Exception {
    assertThat(twoNetworks("json").output())
        .isEqualTo(
            "[{\"Name\":\"a\",\"Id\":\"1\",\"IPAM\":{\"Options\":null,\"Config\":[{\"Subnet\":"
                + "\"10.1.0.0/24\"}]},\"Containers\":{},\"Options\":{},\"Labels\":{\"k\":"
                + "\"v \\\"q\\\" \\u003c\"},\"List\":[]},{\"Name\":\"b\",\"Id\":\"2\"}]\n");
  }

  @Test
  void aTemplatePrintsOneLinePerObject() throws Exception {
    assertThat(twoNetworks("{{.Id}} {{.Name}}").output()).isEqualTo("1 a\n2 b\n");
  }

  @Test
  void nothingFoundIsAnEmptyArrayOrAnEmptyLine() throws Exception {
    assertThat(InspectFormat.parse("", GoShape.NETWORK).output()).isEqualTo("[]\n");
    assertThat(InspectFormat.parse("{{.Id}}", GoShape.NETWORK).output()).isEqualTo("\n");
  }

  @Test
  void templateErrorsSayTemplateParsingError() throws Exception {
    InspectFormat format = InspectFormat.parse("{{.Missing}}", GoShape.NETWORK);

    assertThatThrownBy(() -> format.add(SECOND, JsonValue.parse(SECOND)))
        .hasMessage(
            "template parsing error: template: :1:2: executing \"\" at <.Missing>: map has no entry"
                + " for key \"Missing\"");
    assertThatThrownBy(() -> InspectFormat.parse("{{.Id", GoShape.NETWORK))
        .hasMessage("template parsing error: template: :1: unclosed action");
  }
}
