package dev.junction.cli.command;

import java.util.List;

/** A command line that does not parse; {@code path} names the command it was parsing. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Command> path;

  UsageException(List<Command> path, String message) {
    super(message);
    this.path = List.copyOf(path);
  }

  /** {@code junction network ls}. */
  public String commandName() {
    StringBuilder name = new StringBuilder();
    for (Command command : path) {
      name.append(name.isEmpty() ? "" : " ").append(command.name());
    }
    return name.toString();
  }
}
