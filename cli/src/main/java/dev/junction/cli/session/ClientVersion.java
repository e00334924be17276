package dev.junction.cli.session;

/** The CLI's own version, from its jar's manifest; {@code dev} when run from classes. */
public final class ClientVersion {
  private ClientVersion() {}

  public static final String VERSION = version();

  private static String version() {
    String version = ClientVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
