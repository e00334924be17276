package dev.junction.testkit.ns;

import dev.junction.testkit.observe.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the root namespace holds, in the words of {@code ip}, {@code nft} and the file system: its
 * links (name, flags, master, MTU), addresses, routes of both families, nftables tables, the
 * entries of {@code /run/netns}, and the mounts under {@code /run/netns} and {@code
 * /run/junction-test}. Two snapshots are equal when a test left the machine as it found it.
 *
 * @param lines one line per object, sorted
 */
public record RootNamespaceSnapshot(List<String> lines) {

  public static RootNamespaceSnapshot take() {
    List<String> lines = new ArrayList<>();
    // -o: one line per object; the counters and timers ip prints with -s or -d are left out.
    for (String line : Command.check(null, "ip", "-o", "link", "show").split("\n")) {
      if (!line.isBlank()) {
        lines.add(
            "link " + line.replaceAll("\\\\\\s+link/.*$", "").replaceAll("qlen \\d+", "").strip());
      }
    }
    addAll(lines, "addr ", Command.check(null, "ip", "-o", "addr", "show"));
    addAll(lines, "route4 ", Command.check(null, "ip", "-4", "route", "show", "table", "all"));
    addAll(lines, "route6 ", Command.check(null, "ip", "-6", "route", "show", "table", "all"));
    addAll(lines, "nft ", Command.check(null, "nft", "list", "tables"));
    Path netns = Path.of("/run/netns");
    if (Files.isDirectory(netns)) {
      try (Stream<Path> entries = Files.list(netns)) {
        entries.forEach(entry -> lines.add("netns " + entry.getFileName()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String mountPoint = line.split(" ")[4];
        if (mountPoint.startsWith("/run/netns") || mountPoint.startsWith("/run/junction-test")) {
          lines.add("mount " + mountPoint);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    lines.sort(null);
    return new RootNamespaceSnapshot(List.copyOf(lines));
  }

  private static void addAll(List<String> lines, String prefix, String output) {
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        // Address lifetimes count down; everything else of an address line is state.
        lines.add(prefix + line.replaceAll("valid_lft \\S+ preferred_lft \\S+", "").strip());
      }
    }
  }

  /** The lines only one of the snapshots has, marked {@code -} (gone) or {@code +} (new). */
  public List<String> differencesFrom(RootNamespaceSnapshot before) {
    List<String> differences = new ArrayList<>();
    before.lines.stream()
        .filter(line -> !lines.contains(line))
        .forEach(line -> differences.add("- " + line));
    lines.stream()
        .filter(line -> !before.lines.contains(line))
        .forEach(line -> differences.add("+ " + line));
    return differences;
  }
}
