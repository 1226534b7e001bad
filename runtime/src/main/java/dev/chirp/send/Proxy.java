package dev.chirp.send;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP proxy that https requests reach their host through, with a CONNECT tunnel; chosen from
 * {@code HTTPS_PROXY} and {@code NO_PROXY} as curl and Go read them. {@code authorization} is the
 * {@code Proxy-Authorization} value for a proxy URL with credentials, else null; it is a secret and
 * is never part of a message ({@link #toString()} shows host and port only).
 */
public record Proxy(String host, int port, String authorization) {

  /** A proxy setting that cannot be used; the message names the variable and never credentials. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  /** Chooses the proxy (or none) for each request from an environment. */
  @FunctionalInterface
  public interface Choice {
    Optional<Proxy> forTarget(URI target);

    /** Never a proxy. */
    static Choice none() {
      return t -> Optional.empty();
    }
  }

  /**
   * The choice an environment makes: https requests go through {@code HTTPS_PROXY} (or {@code
   * https_proxy}) unless their host is loopback or matches {@code NO_PROXY} (or {@code no_proxy});
   * plain http requests never use a proxy (Bird is reached over https; plain http is for local test
   * servers). Fails at once, with the variable named, when the proxy URL cannot be used.
   */
  public static Choice fromEnv(Map<String, String> env) {
    String name = env.get("HTTPS_PROXY") != null ? "HTTPS_PROXY" : "https_proxy";
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return Choice.none();
    }
    Proxy proxy = parse(name, raw.trim());
    String noProxy = env.get("NO_PROXY") != null ? env.get("NO_PROXY") : env.get("no_proxy");
    return target ->
        target.getScheme().equals("https")
                && !Connection.isLoopback(target.getHost())
                && !bypassed(target, noProxy)
            ? Optional.of(proxy)
            : Optional.empty();
  }

  static Proxy parse(String name, String raw) {
    String withScheme = raw.contains("://") ? raw : "http://" + raw;
    URI u = null;
    try {
      u = new URI(withScheme);
    } catch (URISyntaxException e) {
      // not a URL: said below, without the parser's message (it would quote the password)
    }
    if (u != null && !"http".equalsIgnoreCase(u.getScheme())) {
      throw new Invalid(
          name
              + " is "
              + redacted(raw)
              + ": only http:// proxies are supported (chirp opens a CONNECT tunnel and speaks TLS"
              + " to Bird through it); use http://HOST:PORT");
    }
    if (u == null || u.getHost() == null || u.getHost().isEmpty()) {
      throw new Invalid(name + " is not a proxy URL: " + redacted(raw) + "; use http://HOST:PORT");
    }
    String auth = null;
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      String user = decode(colon < 0 ? info : info.substring(0, colon));
      String pass = colon < 0 ? "" : decode(info.substring(colon + 1));
      auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }
    return new Proxy(u.getHost(), u.getPort() > 0 ? u.getPort() : 80, auth);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code raw} with any credentials before an {@code @} shown as {@code ****}. */
  static String redacted(String raw) {
    int at = raw.lastIndexOf('@');
    if (at < 0) {
      return raw;
    }
    int scheme = raw.indexOf("://");
    int start = scheme < 0 || scheme > at ? 0 : scheme + 3;
    return raw.substring(0, start) + "****" + raw.substring(at);
  }

  /**
   * NO_PROXY as curl reads it: comma-separated host names, each matching itself and its subdomains
   * (a leading dot is allowed), optionally with {@code :port}; {@code *} matches every host.
   */
  static boolean bypassed(URI target, String noProxy) {
    if (noProxy == null || noProxy.isBlank()) {
      return false;
    }
    String host = target.getHost().toLowerCase(Locale.ROOT);
    int port = target.getPort() > 0 ? target.getPort() : 443;
    for (String entry : noProxy.split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.equals("*")) {
        return true;
      }
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).matches("[0-9]+")) {
        if (Integer.parseInt(e.substring(colon + 1)) != port) {
          continue;
        }
        e = e.substring(0, colon);
      }
      if (e.startsWith("*.")) {
        e = e.substring(1);
      }
      if (e.startsWith(".")) {
        e = e.substring(1);
      }
      if (host.equals(e) || host.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
