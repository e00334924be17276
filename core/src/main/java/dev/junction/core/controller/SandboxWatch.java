package dev.junction.core.controller;

import dev.junction.core.id.SandboxId;
import dev.junction.core.model.Sandbox;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notices sandboxes whose namespace goes while the engine runs: the process a sandbox was adopted
 * from exits ({@code /proc/PID/ns/net}), or its namespace file is removed ({@code ip netns delete}
 * of a named one). It only reports; the controller checks and cleans up.
 */
final class SandboxWatch implements AutoCloseable {

  private static final Pattern PROC = Pattern.compile("/proc/(\\d+)/ns/net");

  private final Consumer<SandboxId> gone;
  private final WatchService files;
  private final Thread thread;
  private final Map<Path, Set<SandboxId>> byFile = new ConcurrentHashMap<>();
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();

  SandboxWatch(Consumer<SandboxId> gone) throws IOException {
    this.gone = gone;
    this.files = FileSystems.getDefault().newWatchService();
    this.thread = Thread.ofPlatform().daemon().name("sandbox-watch").start(this::loop);
  }

  /** Watches one sandbox's namespace from now on. */
  void watch(Sandbox sandbox) {
    Path netns = sandbox.netns();
    Matcher proc = PROC.matcher(netns.toString());
    if (proc.matches()) {
      // Only a process seen alive can be seen to exit; one already gone is the next start's.
      ProcessHandle.of(Long.parseLong(proc.group(1)))
          .ifPresent(process -> process.onExit().thenRun(() -> gone.accept(sandbox.id())));
      return;
    }
    Path directory = netns.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      return;
    }
    byFile.computeIfAbsent(netns, k -> ConcurrentHashMap.newKeySet()).add(sandbox.id());
    if (!directories.containsValue(directory)) {
      try {
        directories.put(directory.register(files, StandardWatchEventKinds.ENTRY_DELETE), directory);
      } catch (IOException | ClosedWatchServiceException e) {
        // Unwatched: the next start still finds the namespace gone.
      }
    }
  }

  /** Stops watching a sandbox that was deleted. */
  void forget(Sandbox sandbox) {
    Set<SandboxId> ids = byFile.get(sandbox.netns());
    if (ids != null) {
      ids.remove(sandbox.id());
    }
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = files.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Path directory = directories.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (directory == null) {
          continue;
        }
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          // Events were lost: look at every watched file of that directory.
          byFile.forEach(
              (file, ids) -> {
                if (directory.equals(file.getParent()) && !Files.exists(file)) {
                  report(file);
                }
              });
        } else if (event.context() instanceof Path name) {
          report(directory.resolve(name));
        }
      }
      key.reset();
    }
  }

  private void report(Path file) {
    Set<SandboxId> ids = byFile.remove(file);
    if (ids != null) {
      ids.forEach(gone);
    }
  }

  @Override
  public void close() {
    try {
      files.close();
    } catch (IOException e) {
      // closing: nothing to do with it
    }
    thread.interrupt();
  }
}
