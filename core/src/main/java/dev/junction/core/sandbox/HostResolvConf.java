package dev.junction.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;

/**
 * The host's resolv.conf, the default of every sandbox's: read again only when the file changed
 * (another file, another modification time or size), since every connect and disconnect asks for it
 * and most never find it changed. A file that cannot be read counts as empty.
 */
public final class HostResolvConf {

  private static final ResolvConf EMPTY = new ResolvConf(List.of(), List.of(), List.of());

  /** What a read found, and the file as it was then. */
  private record Read(Object fileKey, FileTime modified, long size, ResolvConf content) {
    boolean isOf(BasicFileAttributes attributes) {
      return Objects.equals(fileKey, attributes.fileKey())
          && modified.equals(attributes.lastModifiedTime())
          && size == attributes.size();
    }
  }

  private final Path file;
  private volatile Read last;

  public HostResolvConf(Path file) {
    this.file = Objects.requireNonNull(file);
  }

  /** The file's directives as they are now. */
  public ResolvConf current() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Read seen = last;
      if (seen != null && seen.isOf(attributes)) {
        return seen.content();
      }
      ResolvConf content = ResolvConf.parse(Files.readString(file));
      last =
          new Read(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), content);
      return content;
    } catch (IOException e) {
      return EMPTY;
    }
  }
}
