package dev.junction.cli;

import dev.junction.cli.api.DaemonException;
import dev.junction.cli.command.ArgumentParser;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.PicocliTree;
import dev.junction.cli.command.UsageException;
import dev.junction.cli.format.TemplateException;
import dev.junction.cli.http.DaemonUnreachableException;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.ClientVersion;
import dev.junction.cli.session.Session;
import java.io.IOException;

/**
 * The {@code junction} command. Every error ends as one line on standard error and a non-zero exit
 * status: 2 for a command line that does not parse (in picocli's words), 1 for the rest (the
 * command's own status for {@code sandbox exec}). Never a stack trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Session session = Session.system();
    int status = run(args, session);
    session.out().flush();
    session.err().flush();
    // halt, not exit: the output is flushed and no shutdown hook is left, and exit would first
    // set up the platform logger (to log the call), a few milliseconds of every command.
    Runtime.getRuntime().halt(status);
  }

  /** Runs a command line in a session; answers the exit status. */
  public static int run(String[] args, Session session) {
    try {
      return dispatch(args, session);
    } finally {
      session.out().flush();
      session.err().flush();
    }
  }

  private static int dispatch(String[] args, Session session) {
    Arguments arguments;
    try {
      arguments = ArgumentParser.parse(CommandTree.ROOT, args);
    } catch (UsageException e) {
      return usageError(args, e, session);
    }
    if (arguments.flagOf(CommandTree.ROOT, "--version")) {
      session.out().println("junction version " + ClientVersion.VERSION);
      return 0;
    }
    Command command = arguments.command();
    if (arguments.helpRequested() || command.action() == null) {
      PicocliTree.of(CommandTree.ROOT).usage(arguments.path(), session.out());
      return 0;
    }
    session.host(arguments.valueOf(CommandTree.ROOT, "--host"));
    try {
      return command.action().run(arguments, session);
    } catch (Exception e) {
      session.out().flush();
      Failure failure = failure(e);
      session.err().println(failure.line());
      return failure.status();
    }
  }

  /** The command line does not parse: picocli says why, in its words, with the command's name. */
  private static int usageError(String[] args, UsageException e, Session session) {
    PicocliTree.UsageError picocli = PicocliTree.of(CommandTree.ROOT).error(args);
    String message = picocli == null ? e.getMessage() : picocli.message();
    String name = picocli == null ? e.commandName() : picocli.commandName();
    session.err().println("junction: " + message + " (see '" + name + " --help')");
    return 2;
  }

  /** What to print for an error, and the status to exit with. */
  record Failure(String line, int status) {}

  static Failure failure(Exception e) {
    if (e instanceof DaemonException daemon) {
      return new Failure(daemon.line(), 1);
    }
    if (e instanceof DaemonUnreachableException unreachable) {
      return new Failure(unreachable(unreachable), 1);
    }
    if (e instanceof CliException cli) {
      return new Failure(cli.getMessage(), cli.exitStatus());
    }
    if (e instanceof TemplateException template) {
      return new Failure(template.getMessage(), 1);
    }
    if (e instanceof IOException io) {
      return new Failure("junction: " + message(io), 1);
    }
    if (e instanceof InterruptedException) {
      return new Failure("junction: interrupted", 130);
    }
    return new Failure("junction: internal error: " + e, 1);
  }

  private static String unreachable(DaemonUnreachableException e) {
    if (e.permissionDenied()) {
      return "junction: permission denied while trying to connect to the Junction daemon at "
          + e.address()
          + ": run as root, or as a member of the group junction";
    }
    return "junction: cannot connect to the Junction daemon at " + e.address() + ": is it running?";
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
