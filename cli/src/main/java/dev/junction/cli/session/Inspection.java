package dev.junction.cli.session;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.DaemonClient;
import dev.junction.cli.api.DaemonException;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.format.InspectFormat;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inspect} of any kind of object, as docker's inspector does it: the objects found are
 * printed, then one line per name that failed on standard error, and the exit status is 1 if any
 * failed.
 */
public final class Inspection {
  private Inspection() {}

  /**
   * @param resource the API's collection: {@code networks}, {@code sandboxes}
   * @param verbose asks for the daemon's verbose form ({@code ?verbose=true})
   */
  public static int run(
      Session session,
      List<String> names,
      String format,
      GoShape shape,
      String resource,
      boolean verbose)
      throws IOException {
    InspectFormat output;
    try {
      output = InspectFormat.parse(format, shape);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage(), 64);
    }
    DaemonClient client = session.client();
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        ApiPath objectPath = ApiPath.of(resource, name).query("verbose", verbose ? "true" : "");
        String text = client.getText(objectPath);
        JsonValue parsed = DaemonClient.parse(text, objectPath);
        output.add(text, parsed);
      } catch (DaemonException e) {
        errors.add(e.line());
      } catch (TemplateException e) {
        errors.add(e.getMessage());
      }
    }
    session.out().print(output.output());
    if (errors.isEmpty()) {
      return 0;
    }
    session.out().flush();
    errors.forEach(session.err()::println);
    return 1;
  }
}
