package dev.junction.cli.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks a yes-or-no question on the terminal, as docker's prompt does: only "y" means yes. */
public final class Prompt {
  private Prompt() {}

  public static boolean confirm(Session session, String question) throws IOException {
    session.out().print(question + " [y/N] ");
    session.out().flush();
    // Not buffered beyond the line: a second question must find its own answer.
    String answer =
        new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8), 1)
            .readLine();
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }
}
