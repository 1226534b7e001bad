package dev.chirp.send;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/** Why an exchange failed, in words a person can act on; every text from a fault is printable. */
final class Faults {
  private Faults() {}

  /** Why nothing was sent: the connection (or the tunnel, or TLS) never came up. */
  static String notSent(HttpUrl u, Throwable e, Proxies proxies) {
    String target = u.host() + ":" + u.port();
    String proxy = proxies.forTarget(u.uri()).orElse(null);
    if (proxy != null) {
      String m = String.valueOf(e.getMessage());
      if (m.startsWith("Unexpected response code for CONNECT: ")) {
        return "the proxy "
            + proxy
            + " refused a tunnel to "
            + target
            + " (HTTP "
            + BirdClient.printable(cut(m.substring(38)))
            + ")";
      }
      if (m.startsWith("Failed to authenticate with proxy")) {
        return "the proxy "
            + proxy
            + " refused a tunnel to "
            + target
            + " (HTTP 407)"
            + (proxies.hasCredentials()
                ? "; it did not accept the user and password in HTTPS_PROXY"
                : "; give its user and password in HTTPS_PROXY as"
                    + " http://USER:PASSWORD@HOST:PORT");
      }
      if (has(e, ConnectException.class) || has(e, UnknownHostException.class)) {
        return "could not connect to the proxy " + proxy + " (" + connectFault(e) + ")";
      }
      if (e instanceof InterruptedIOException) {
        return "the proxy " + proxy + " opened no tunnel to " + u.host() + " in time";
      }
      return "could not connect to " + target + " through the proxy " + proxy + " (" + tls(e) + ")";
    }
    if (e instanceof InterruptedIOException && !has(e, ConnectException.class)) {
      return "could not connect to " + u.host() + " within the connect timeout";
    }
    return "could not connect to " + target + " (" + connectFault(e) + ")";
  }

  /**
   * Why the outcome is unknown: the request (or part of it) went out, and no whole answer came
   * within {@code timeout}.
   */
  static String maybeSent(CallEvents.Progress p, Throwable e, Duration timeout) {
    if (e instanceof InterruptedIOException) {
      if (!p.bodyWritten) {
        return "the request could not be written within "
            + seconds(timeout)
            + " (Bird stopped"
            + " reading it)";
      }
      return (p.answerHead ? "no complete answer within " : "no answer within ")
          + seconds(timeout)
          + " after sending";
    }
    return "the connection failed after sending (" + simple(e) + ")";
  }

  /** {@code s} cut to 160 characters. */
  static String cut(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  private static String connectFault(Throwable e) {
    if (has(e, UnknownHostException.class)) {
      return "unknown host";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          && t.getMessage() != null
          && t.getMessage().startsWith("Connection refused")) {
        return "connection refused";
      }
    }
    return tls(e);
  }

  /** A TLS fault in words a person can act on; anything else as "IOException: message". */
  private static String tls(Throwable e) {
    if (has(e, SSLPeerUnverifiedException.class)) {
      return "its TLS certificate is not for this host name";
    }
    if (has(e, CertPathBuilderException.class) || has(e, CertificateException.class)) {
      return "its TLS certificate is not trusted";
    }
    if (e instanceof SSLException) {
      return "TLS failed: " + BirdClient.printable(cut(String.valueOf(e.getMessage())));
    }
    return simple(e);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The fault's message, as "IOException: ..." whatever its class (tests match on this). */
  private static String simple(Throwable t) {
    String m = t.getMessage();
    return "IOException" + (m == null || m.isBlank() ? "" : ": " + BirdClient.printable(cut(m)));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
