package dev.chirp.send;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The Bird access key. It comes only from the environment ({@code BIRD_ACCESS_KEY}) or a file,
 * never from a flag value, and it never appears in output: {@link #toString()} and {@link
 * #redacted()} show {@code AccessKey ****}. Only {@link #header()} reveals it, for the
 * Authorization header.
 */
public final class AccessKey {
  public static final String ENV = "BIRD_ACCESS_KEY";

  private final char[] key;

  private AccessKey(String key) {
    this.key = key.toCharArray();
  }

  /**
   * Wraps a key; blank keys are refused, and so are keys with characters an HTTP header cannot
   * carry (a second line, a control character, a space, non-ASCII): the HTTP client would refuse
   * them later with a message that quotes the key. The message here never shows the key.
   */
  public static AccessKey of(String key) {
    String k = key.strip();
    if (k.isEmpty()) {
      throw new IllegalArgumentException("the access key is empty");
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "the access key has "
                + (c == '\n' || c == '\r'
                    ? "more than one line"
                    : "a character not allowed in a header")
                + " (at character "
                + (i + 1)
                + "); it must be one line of printable ASCII without spaces");
      }
    }
    return new AccessKey(k);
  }

  /** The key from {@code --access-key-file} if given, else from {@code BIRD_ACCESS_KEY}. */
  public static Optional<AccessKey> find(Path file, Map<String, String> env) throws IOException {
    if (file != null) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IOException("there is no access key file " + file);
      } catch (AccessDeniedException e) {
        throw new IOException("cannot read the access key file " + file + ": permission denied");
      } catch (CharacterCodingException e) {
        throw new IOException("the access key file " + file + " is not text (UTF-8)");
      } catch (IOException e) {
        throw new IOException("cannot read the access key file " + file);
      }
      if (text.isBlank()) {
        throw new IOException("the access key file " + file + " is empty");
      }
      return Optional.of(of(text));
    }
    String v = env.get(ENV);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(of(v));
  }

  /** The Authorization header value. The only way to read the key. */
  String header() {
    return "AccessKey " + new String(key);
  }

  /** Whether {@code text} contains the key (used to keep it out of anything printed). */
  public boolean occursIn(String text) {
    return text != null && text.contains(new String(key));
  }

  /** {@code text} with every occurrence of the key replaced by {@code ****}; null stays null. */
  public String scrub(String text) {
    return text == null ? null : text.replace(new String(key), "****");
  }

  public static String redacted() {
    return "AccessKey ****";
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessKey a && Arrays.equals(a.key, key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
