package dev.junction.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's scratch directory ({@code /run/jba-PID}): namespace files, daemons' data and exec
 * roots, sockets. Kept short because dockerd and containerd put unix sockets under it (108 bytes at
 * most for a socket path). Removing it unmounts what the daemons left mounted under it and never
 * deletes through a mount: a container's bind mount could lead back to the host's files.
 */
final class Workspace {

  private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  static Workspace create() throws IOException {
    Path root = Path.of("/run", "jba-" + ProcessHandle.current().pid());
    Files.createDirectory(root);
    return new Workspace(root);
  }

  Path root() {
    return root;
  }

  /** A directory under the workspace, created if need be. */
  Path directory(String first, String... more) throws IOException {
    return Files.createDirectories(root.resolve(Path.of(first, more)));
  }

  /** Mount points at or under {@code dir}, in the order they were mounted. */
  static List<Path> mountsUnder(Path dir) throws IOException {
    List<Path> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      Path mountPoint = Path.of(unescape(line.split(" ")[4]));
      if (mountPoint.startsWith(dir)) {
        mounts.add(mountPoint);
      }
    }
    return mounts;
  }

  static boolean isMountPoint(Path path) throws IOException {
    return mountsUnder(path).contains(path);
  }

  /** mountinfo writes space, tab, newline and backslash in octal. */
  private static String unescape(String field) {
    Matcher matcher = OCTAL.matcher(field);
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          text,
          Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(matcher.group(1), 8))));
    }
    matcher.appendTail(text);
    return text.toString();
  }

  /**
   * Unmounts everything mounted under {@code dir}, latest first (a later mount may sit on an
   * earlier one); lazily if a plain unmount is refused. Returns what it unmounted.
   */
  static List<Path> unmountAll(Path dir) throws IOException, InterruptedException {
    List<Path> done = new ArrayList<>();
    List<Path> mounts = mountsUnder(dir);
    for (int i = mounts.size() - 1; i >= 0; i--) {
      Path mount = mounts.get(i);
      if (!Commands.run("umount", mount.toString()).ok()) {
        Commands.run("umount", "--lazy", mount.toString());
      }
      done.add(mount);
    }
    return done;
  }

  /**
   * Unmounts what is left under the workspace and deletes it, staying on its own file system. If
   * something cannot be unmounted, deletes nothing and says so.
   */
  void remove() throws IOException, InterruptedException {
    List<Path> unmounted = unmountAll(root);
    if (!unmounted.isEmpty()) {
      System.err.println("api: unmounted what was left under " + root + ": " + unmounted);
    }
    List<Path> still = mountsUnder(root);
    if (!still.isEmpty()) {
      System.err.println(
          "api: " + root + " still has mounts " + still + "; left in place, remove it by hand");
      return;
    }
    Object device = Files.getAttribute(root, "unix:dev");
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            return device.equals(Files.getAttribute(dir, "unix:dev"))
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
