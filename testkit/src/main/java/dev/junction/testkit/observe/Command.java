package dev.junction.testkit.observe;

import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command, optionally inside a namespace through {@code nsenter}, for tests. */
public final class Command {
  private Command() {}

  /** The result of a finished command. */
  public record Result(int exitCode, String output, String error) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code command} inside {@code ns} (or as is for the current namespace). */
  public static Result runIn(NetNs ns, String... command) {
    List<String> full = new ArrayList<>();
    if (ns != null && !ns.isCurrent()) {
      full.add("nsenter");
      full.add("--net=" + ns.path());
      full.add("--");
    }
    full.addAll(List.of(command));
    return run(full);
  }

  public static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      // Read both streams fully; the outputs here are small.
      byte[] output = process.getInputStream().readAllBytes();
      byte[] error = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      return new Result(
          process.exitValue(),
          new String(output, StandardCharsets.UTF_8),
          new String(error, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  /** Runs {@code command} inside {@code ns} and returns its output; fails the test if it fails. */
  public static String check(NetNs ns, String... command) {
    Result result = runIn(ns, command);
    if (!result.ok()) {
      throw new AssertionError(
          String.join(" ", command)
              + " failed ("
              + result.exitCode()
              + "): "
              + result.error().strip());
    }
    return result.output();
  }
}
