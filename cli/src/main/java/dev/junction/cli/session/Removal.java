package dev.junction.cli.session;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.DaemonException;
import java.io.IOException;
import java.util.List;

/**
 * {@code rm} of several objects, as docker does it: each is deleted in turn and its name printed; a
 * failure is printed and the next one tried; the exit status is 1 if any failed.
 */
public final class Removal {
  private Removal() {}

  /**
   * @param force true to pass over objects that do not exist
   * @param resource the API's collection: {@code networks}, {@code sandboxes}
   */
  public static int run(Session session, List<String> names, boolean force, String resource)
      throws IOException {
    int status = 0;
    for (String name : names) {
      try {
        session.client().delete(ApiPath.of(resource, name));
        session.out().println(name);
      } catch (DaemonException e) {
        if (force && e.notFound()) {
          continue;
        }
        session.out().flush();
        session.err().println(e.line());
        status = 1;
      }
    }
    if (status != 0) {
      session.err().println("exit status " + status); // docker's last line, word for word
    }
    return status;
  }
}
