package dev.junction.cli.command;

import dev.junction.cli.session.Session;

/** What a command does with its arguments; answers the exit status. */
@FunctionalInterface
public interface Action {
  int run(Arguments arguments, Session session) throws Exception;
}
