package dev.chirp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** chirp's version, from the build. */
public final class Version {
  private Version() {}

  public static String get() {
    return property("version", "dev");
  }

  /** The GitHub repository (owner/name) of chirp's action and releases, from the parent POM. */
  public static String github() {
    return property("github", "chirp-dev/chirp");
  }

  private static String property(String key, String fallback) {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty(key, fallback);
    } catch (IOException e) {
      return fallback;
    }
  }
}
