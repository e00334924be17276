package dev.junction.cli.format;

import dev.junction.cli.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * An inspect command's output, as docker's inspector writes it: with no format, the daemon's JSON
 * objects as one array indented by four spaces; with {@code json}, that array compact; with a
 * template, one line per object.
 */
public final class InspectFormat {
  private final String flag;
  private final Template template;
  private final GoShape shape;
  private final List<String> raw = new ArrayList<>();
  private final StringBuilder lines = new StringBuilder();

  private InspectFormat(String flag, Template template, GoShape shape) {
    this.flag = flag;
    this.template = template;
    this.shape = shape;
  }

  /**
   * @throws TemplateException for a template that does not parse, in docker's words
   */
  public static InspectFormat parse(String flag, GoShape shape) throws TemplateException {
    String format = flag == null ? "" : flag;
    if (format.isEmpty() || format.equals("json")) {
      return new InspectFormat(format, null, shape);
    }
    try {
      return new InspectFormat(format, Template.parse(format), shape);
    } catch (TemplateException e) {
      throw new TemplateException("template parsing error: " + e.getMessage());
    }
  }

  /**
   * Adds one object: the daemon's text and its parse.
   *
   * @throws TemplateException when the template fails on it; nothing is added then
   */
  public void add(String text, JsonValue parsed) throws TemplateException {
    if (template == null) {
      raw.add(text.strip());
      return;
    }
    try {
      lines.append(template.execute(parsed, shape, true)).append('\n');
    } catch (TemplateException e) {
      throw new TemplateException("template parsing error: " + e.getMessage());
    }
  }

  /** The output, ending with a line break. */
  public String output() {
    if (template != null) {
      return lines.isEmpty() ? "\n" : lines.toString();
    }
    if (raw.isEmpty()) {
      return "[]\n";
    }
    String array = "[" + String.join(",", raw) + "]";
    return (flag.equals("json") ? GoJson.compact(array) : GoJson.indent(array, "    ")) + "\n";
  }
}
