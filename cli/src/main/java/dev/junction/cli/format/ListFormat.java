package dev.junction.cli.format;

import dev.junction.cli.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A list command's {@code --format}, rendered as the docker CLI's formatter does: {@code table
 * TEMPLATE} prints a title line and aligns columns; {@code json} prints each row as a JSON object;
 * any other text is a template run once per row. Literal {@code \t} and {@code \n} in the flag
 * stand for a tab and a line break.
 */
public final class ListFormat {

  /**
   * One row of a list: its fields, as the template sees them (in alphabetical order, which is the
   * order {@code json} prints them in, as docker's rows are Go maps there), and the labels {@code
   * {{.Label "key"}}} reads.
   */
  public record Row(JsonObject fields, Map<String, String> labels) {
    public Row {
      labels = Map.copyOf(labels);
    }
  }

  private final boolean table;
  private final Template template;

  private ListFormat(boolean table, Template template) {
    this.table = table;
    this.template = template;
  }

  /**
   * The format a list command uses, from its {@code --format} and {@code -q} flags, as docker's
   * {@code NewFormat} functions pick it.
   *
   * @param flag the flag's value; empty for the default, a table
   * @param defaultTable the command's table, {@code table {{.ID}}\t{{.Name}}...}
   * @param raw the command's {@code raw} format, and {@code rawQuiet} with {@code -q}
   */
  public static ListFormat choose(
      String flag, boolean quiet, String defaultTable, String raw, String rawQuiet)
      throws TemplateException {
    String source = flag == null || flag.isEmpty() ? "table" : flag;
    source =
        switch (source) {
          case "table" -> quiet ? "{{.ID}}" : defaultTable;
          case "raw" -> quiet ? rawQuiet : raw;
          default -> source;
        };
    return parse(source);
  }

  /** A format exactly as given, after docker's rewriting of {@code table} and {@code json}. */
  public static ListFormat parse(String source) throws TemplateException {
    boolean table = source.startsWith("table");
    String text = source;
    if (table) {
      text = text.substring("table".length());
    } else if (text.equals("json")) {
      text = "{{json .}}";
    }
    text = strip(text).replace("\\t", "\t").replace("\\n", "\n");
    try {
      return new ListFormat(table, Template.parse(text));
    } catch (TemplateException e) {
      throw new TemplateException("template parsing error: " + e.getMessage());
    }
  }

  /** Go's strings.Trim(s, " "): spaces only, not tabs. */
  private static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(start, end);
  }

  /** The whole output, ending with a line break after each row. */
  public String render(List<Row> rows, Map<String, String> titles) throws TemplateException {
    StringBuilder body = new StringBuilder();
    for (Row row : rows) {
      try {
        body.append(template.execute(row.fields(), GoShape.STRUCTS, false, new LabelMethod(row)));
      } catch (TemplateException e) {
        throw new TemplateException("template parsing error: " + e.getMessage());
      }
      body.append('\n');
    }
    if (!table) {
      return body.toString();
    }
    String header = template.executeHeader(titles);
    return TabWriter.table().format(header + "\n" + body);
  }

  /** {@code {{.Label "key"}}}: a label's value, or "" without it. */
  private record LabelMethod(Row row) implements Template.Methods {
    @Override
    public Value call(Value receiver, String name, List<Value> arguments) {
      if (name.equals("Label") && arguments.size() == 1) {
        return Value.text(row.labels().getOrDefault(arguments.getFirst().string(), ""));
      }
      return null;
    }
  }
}
