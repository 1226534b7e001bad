package dev.chirp.emit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The scheme of absolute http(s) URLs with a host, decided without java.net.URI when it can. */
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
   * null. Plain URLs of safe characters are decided by a scan; anything else by {@link URI}.
   */
  public static String httpScheme(String s) {
    String scheme = s.startsWith("https://") ? "https" : s.startsWith("http://") ? "http" : null;
    if (scheme != null && simple(s, scheme.length() + 3)) {
      return scheme;
    }
    return httpSchemeByUri(s);
  }

  /** What {@link #httpScheme} answers, decided by {@link URI} alone (its fast path must agree). */
  static String httpSchemeByUri(String s) {
    try {
      if (!s.strip().equals(s)) {
        return null;
      }
      URI u = new URI(s);
      if (u.getHost() == null || u.getScheme() == null) {
        return null;
      }
      String sch = u.getScheme().toLowerCase(java.util.Locale.ROOT);
      return sch.equals("https") || sch.equals("http") ? sch : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Labels of letters, digits and inner dashes; the last one starts with a letter (RFC 2396). */
  private static boolean hostname(String host) {
    if (host.isEmpty() || host.endsWith(".")) {
      return false;
    }
    String[] labels = host.split("\\.", -1);
    for (String l : labels) {
      if (l.isEmpty() || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-') {
        return false;
      }
    }
    return Character.isLetter(labels[labels.length - 1].charAt(0));
  }

  /**
   * Whether the URL from {@code hostStart} on is a host of letters, digits, dots and dashes (and an
   * optional port) followed by nothing or a path/query/fragment of RFC 3986 characters with
   * well-formed percent escapes: exactly the URLs {@link URI} accepts with a host, and most real
   * ones.
   */
  private static boolean simple(String s, int hostStart) {
    int i = hostStart;
    int n = s.length();
    int hostLen = 0;
    while (i < n) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.') {
        i++;
        hostLen++;
      } else {
        break;
      }
    }
    if (!hostname(s.substring(hostStart, hostStart + hostLen))) {
      return false; // IP literals, odd labels and the like: let java.net.URI decide
    }
    if (i < n && s.charAt(i) == ':') {
      int ports = 0;
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        ports++;
      }
      if (ports == 0) {
        return false;
      }
    }
    if (i < n && "/?#".indexOf(s.charAt(i)) < 0) {
      return false;
    }
    boolean fragment = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= n
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      } else if (c == '#') {
        if (fragment) {
          return false;
        }
        fragment = true;
      } else if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }
}
