package dev.chirp.emit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** URL helpers: the scheme of absolute http(s) URLs with a host, and the fix for spaces in one. */
public final class Urls {
  private Urls() {}

  /**
   * The help for a URL that has spaces, which no URL may hold: the same URL without spaces around
   * it and with every space inside written as %20; empty when it has none.
   */
  public static Optional<String> spacesFix(String url) {
    if (url.indexOf(' ') < 0) {
      return Optional.empty();
    }
    String inner = url.strip();
    String fixed = inner.replace(" ", "%20");
    boolean around = !inner.equals(url);
    boolean inside = inner.indexOf(' ') >= 0;
    String what =
        around && inside
            ? "remove the ones around it and write the others as %20"
            : around ? "remove the ones around it" : "write each one as %20";
    return Optional.of("a URL cannot hold spaces: " + what + ", as in \"" + fixed + "\"");
  }

  /**
   * "https" or "http" (lower case) when {@code s} is an absolute http(s) URL with a host, else
   * null, as {@link URI} parses it. (A hand-written fast path beside URI was measured and dropped:
   * bench/results.md, "URL check".)
   */
  public static String httpScheme(String s) {
    try {
      if (!s.strip().equals(s)) {
        return null;
      }
      URI u = new URI(s);
      if (u.getHost() == null || u.getScheme() == null) {
        return null;
      }
      String sch = u.getScheme().toLowerCase(Locale.ROOT);
      return sch.equals("https") || sch.equals("http") ? sch : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
