package dev.junction.cli.listing;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.Filters;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Option;
import dev.junction.cli.format.ListFormat;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Session;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What {@code network ls} and {@code sandbox ls} share, as docker's list commands do: the options
 * ({@code -q}, {@code --no-trunc}, {@code --format}, {@code -f}), and the run from them to the
 * printed rows.
 *
 * @param resource the API collection listed ({@code networks})
 * @param table the default table template; {@code raw} and {@code rawQuiet} the raw formats
 * @param titles the column title of each field
 * @param rows the rows of the API's answer, truncated or not
 */
public record Listing(
    String resource,
    String table,
    String raw,
    String rawQuiet,
    Map<String, String> titles,
    BiFunction<JsonValue, Boolean, List<ListFormat.Row>> rows) {

  /** The options of a list command; {@code what} names the objects, {@code example} a filter. */
  public static List<Option> options(String what, String example) {
    return List.of(
        Option.flag("Only display " + what + " IDs", "-q", "--quiet"),
        Option.flag("Do not truncate the output", "--no-trunc"),
        Option.value("FORMAT", FormatHelp.LIST, "--format"),
        Option.list(
            "KEY=VALUE", "Provide filter values (e.g. \"" + example + "\")", "-f", "--filter"));
  }

  /** Lists: checks the format and the filters before asking the daemon, then prints. */
  public int run(Arguments arguments, Session session) throws Exception {
    ListFormat output;
    try {
      output =
          ListFormat.choose(
              arguments.value("--format", ""), arguments.flag("--quiet"), table, raw, rawQuiet);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    Filters filters;
    try {
      filters = Filters.parse(arguments.values("--filter"));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 2);
    }
    JsonValue answer =
        session.client().get(ApiPath.of(resource).query("filters", filters.toJson()));
    session.out().print(output.render(rows.apply(answer, !arguments.flag("--no-trunc")), titles));
    return 0;
  }
}
