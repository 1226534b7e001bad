package dev.chirp.text;

import java.util.regex.Pattern;

/**
 * The canonical text form of a UUID, as Bird writes workspace, channel, project and contact ids.
 */
public final class Uuids {
  /** The regular expression, also the spec schema's {@code pattern} for UUID fields. */
  public static final String PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  private static final Pattern UUID = Pattern.compile(PATTERN);

  private Uuids() {}

  /** Whether {@code s} is a UUID in its canonical text form; null is not. */
  public static boolean isUuid(String s) {
    return s != null && UUID.matcher(s).matches();
  }
}
