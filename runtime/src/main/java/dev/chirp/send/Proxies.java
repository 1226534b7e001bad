package dev.chirp.send;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Authenticator;

/**
 * The HTTP proxy that https requests reach Bird through, chosen from {@code HTTPS_PROXY} and {@code
 * NO_PROXY} as curl and Go read them; OkHttp opens the CONNECT tunnel and speaks TLS through it.
 * Credentials in the proxy URL become a Basic {@code Proxy-Authorization}, sent only to the proxy;
 * they are never part of a message ({@link #toString()} shows host and port only).
 */
public final class Proxies extends ProxySelector {

  /** A proxy setting that cannot be used; the message names the variable and never credentials. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  private static final Proxies NONE = new Proxies(null, 0, null, null);

  private final String host;
  private final int port;
  private final String authorization;
  private final String noProxy;

  private Proxies(String host, int port, String authorization, String noProxy) {
    this.host = host;
    this.port = port;
    this.authorization = authorization;
    this.noProxy = noProxy;
  }

  /** Never a proxy. */
  public static Proxies none() {
    return NONE;
  }

  /** Every https request to a host that is not loopback goes through {@code host:port} (tests). */
  static Proxies of(String host, int port, String authorization) {
    return new Proxies(host, port, authorization, null);
  }

  /**
   * The choice an environment makes: https requests go through {@code HTTPS_PROXY} (or {@code
   * https_proxy}) unless their host is loopback or matches {@code NO_PROXY} (or {@code no_proxy});
   * plain http requests never use a proxy (Bird is reached over https; plain http is for local test
   * servers). Fails at once, with the variable named, when the proxy URL cannot be used.
   */
  public static Proxies fromEnv(Map<String, String> env) {
    String name = env.get("HTTPS_PROXY") != null ? "HTTPS_PROXY" : "https_proxy";
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return NONE;
    }
    String noProxy = env.get("NO_PROXY") != null ? env.get("NO_PROXY") : env.get("no_proxy");
    return parse(name, raw.trim(), noProxy);
  }

  static Proxies parse(String name, String raw, String noProxy) {
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
    return new Proxies(u.getHost(), u.getPort() > 0 ? u.getPort() : 80, auth, noProxy);
  }

  /** The proxy {@code target} is reached through, as {@code host:port}, or empty for directly. */
  public Optional<String> forTarget(URI target) {
    if (host == null
        || !"https".equalsIgnoreCase(target.getScheme())
        || Connection.isLoopback(target.getHost())
        || bypassed(target, noProxy)) {
      return Optional.empty();
    }
    return Optional.of(toString());
  }

  /** Whether the proxy URL carried a user and password. */
  boolean hasCredentials() {
    return authorization != null;
  }

  /** The {@code Proxy-Authorization} value (a secret); null without credentials. */
  String authorization() {
    return authorization;
  }

  @Override
  public List<Proxy> select(URI uri) {
    return forTarget(uri).isEmpty()
        ? List.of(Proxy.NO_PROXY)
        : List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // chirp's retry policy decides what happens next; there is no other proxy to try
  }

  /**
   * Answers the proxy's 407 (and OkHttp's pre-emptive challenge) with the Basic credentials once; a
   * second 407 means they were refused, and the tunnel fails before anything was sent.
   */
  Authenticator authenticator() {
    return (route, response) -> {
      if (authorization == null || response.request().header("Proxy-Authorization") != null) {
        return null;
      }
      return response.request().newBuilder().header("Proxy-Authorization", authorization).build();
    };
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
    String h = target.getHost().toLowerCase(Locale.ROOT);
    int p = target.getPort() > 0 ? target.getPort() : 443;
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
        if (Integer.parseInt(e.substring(colon + 1)) != p) {
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
      if (h.equals(e) || h.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return host == null ? "no proxy" : host + ":" + port;
  }
}
