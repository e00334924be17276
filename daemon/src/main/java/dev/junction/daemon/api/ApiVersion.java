package dev.junction.daemon.api;

import dev.junction.core.error.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Docker API versions served: 1.40, the oldest the docker CLI accepts, to {@link #CURRENT}. */
public final class ApiVersion {
  private ApiVersion() {}

  public static final String MINIMUM = "1.40";

  /** What docker 28.x asks for; the CLI negotiates down to the server's version. */
  public static final String CURRENT = "1.50";

  private static final Pattern PREFIX = Pattern.compile("^/v([0-9]+)\\.([0-9]+)(/.*)?$");

  /** A path with its version prefix taken off, and the version (or the current one). */
  public record Split(String version, String path) {}

  public static Split split(String path) {
    Matcher matcher = PREFIX.matcher(path);
    if (!matcher.matches()) {
      return new Split(CURRENT, path);
    }
    String version = matcher.group(1) + "." + matcher.group(2);
    if (compare(version, MINIMUM) < 0) {
      throw new InvalidParameterException(
          "client version "
              + version
              + " is too old. Minimum supported API version is "
              + MINIMUM
              + ", please upgrade your client to a newer version");
    }
    if (compare(version, CURRENT) > 0) {
      throw new InvalidParameterException(
          "client version " + version + " is too new. Maximum supported API version is " + CURRENT);
    }
    return new Split(version, matcher.group(3) == null ? "/" : matcher.group(3));
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
