package dev.chirp.send;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * HTTP exchanges with Bird on OkHttp (connection pooling, TLS with host-name checks, HTTP/2 where
 * the server offers it, proxies), with a timeout on every step and bounded answers. Thread-safe.
 *
 * <p>The one rule for what may have reached Bird lives here: a failure before OkHttp starts writing
 * the request head ({@link EventListener#requestHeadersStart}) is {@link NotSent}; any later
 * failure is {@link MaybeSent}. OkHttp's own silent retries and redirects are off, so one exchange
 * is one attempt and {@link RetryPolicy} alone decides about the next.
 */
final class Transport {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final Headers headers;
  private final Duration timeout;
  private final int maxAnswerBytes;
  private final Proxies proxies;
  private final long checkAfterIdleNanos;

  /** When each pooled HTTP/1.1 connection was last released (weak: the pool owns them). */
  private final Map<okhttp3.Connection, Long> idleSince =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Transport(Builder b) {
    this.checkAfterIdleNanos = b.checkAfterIdle.toNanos();
    this.headers = Headers.of(b.headers);
    this.timeout = b.timeout;
    this.maxAnswerBytes = b.maxAnswerBytes;
    this.proxies = b.proxies;
    OkHttpClient.Builder c =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(b.connectTimeout)
            .writeTimeout(b.timeout)
            .readTimeout(b.timeout)
            // connecting (bounded on its own) plus writing and the whole answer
            .callTimeout(b.connectTimeout.plus(b.timeout))
            .connectionPool(new ConnectionPool(b.maxIdleConnections, 60, TimeUnit.SECONDS))
            .proxySelector(b.proxies)
            .proxyAuthenticator(b.proxies.authenticator())
            .eventListenerFactory(this::listener)
            .addNetworkInterceptor(Transport::unambiguous);
    if (b.tls != null) {
      c.sslSocketFactory(b.tls, b.trust);
    }
    if (b.dns != null) {
      c.dns(b.dns);
    }
    this.http = c.build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** How a transport is set up; every setting has a default fit for Bird. */
  static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(30);
    private int maxAnswerBytes = BirdClient.MAX_ANSWER_BYTES;
    private Map<String, String> headers = new LinkedHashMap<>();
    private Proxies proxies = Proxies.none();
    private int maxIdleConnections = 8;
    private SSLSocketFactory tls;
    private X509TrustManager trust;
    private Dns dns;
    private Duration checkAfterIdle = CHECK_AFTER_IDLE;

    /** Pooled connections idle at least this long are checked before use (tests: zero). */
    Builder checkAfterIdle(Duration d) {
      this.checkAfterIdle = d;
      return this;
    }

    Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** How long writing the request and reading the whole answer may take. */
    Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    Builder maxAnswerBytes(int n) {
      this.maxAnswerBytes = n;
      return this;
    }

    /** Headers every request carries (the key among them: it stays here and on the wire). */
    Builder headers(Map<String, String> h) {
      this.headers = new LinkedHashMap<>(h);
      return this;
    }

    Builder proxies(Proxies p) {
      this.proxies = p;
      return this;
    }

    /** Connections kept open between requests: at least the requests in flight at once. */
    Builder maxIdleConnections(int n) {
      this.maxIdleConnections = Math.max(1, n);
      return this;
    }

    /** Trust other than the JDK's (tests with their own certificate authority). */
    Builder tls(SSLSocketFactory f, X509TrustManager t) {
      this.tls = f;
      this.trust = t;
      return this;
    }

    /** Name resolution other than the system's (tests). */
    Builder dns(Dns d) {
      this.dns = d;
      return this;
    }

    Transport build() {
      return new Transport(this);
    }
  }

  /**
   * Kept-alive HTTP/1.1 connections idle this long are checked (a read of at most 1 ms) before a
   * request goes on them: every reused one. Servers close idle connections when they like (FakeBird
   * after 100 ms when other clients wait, nginx after 75 s, load balancers after about 60 s), and a
   * request written into a connection the server has closed ends as an unknown outcome, since chirp
   * never resends those. OkHttp checks only after 10 s idle, which left such rows unknown in a
   * batch of 75 connections to a 16-thread server. The check costs at most 1 ms against Bird's
   * 30–150 ms round trip; what remains is a server closing in the instant between check and write.
   */
  static final Duration CHECK_AFTER_IDLE = Duration.ZERO;

  /** How far one call got; written by OkHttp's threads, read after the call. */
  private static final class Progress {
    /** The pooled connection was found closed by the server and discarded before any write. */
    volatile boolean stale;

    volatile boolean headStarted;
    volatile boolean bodyWritten;
    volatile boolean answerHead;
  }

  private EventListener listener(Call call) {
    Progress p = call.request().tag(Progress.class);
    if (p == null) {
      return EventListener.NONE;
    }
    return new EventListener() {
      @Override
      public void connectionAcquired(Call c, okhttp3.Connection connection) {
        Long since = idleSince.remove(connection);
        if (since != null
            && System.nanoTime() - since >= checkAfterIdleNanos
            && (connection.protocol() == Protocol.HTTP_1_1
                || connection.protocol()
                    == Protocol.HTTP_1_0) // HTTP/2 has its own reader: keep off
            && !stillOpen(connection.socket())) {
          p.stale = true;
          closeQuietly(connection.socket()); // so the write fails at once, with nothing sent
        }
      }

      @Override
      public void connectionReleased(Call c, okhttp3.Connection connection) {
        idleSince.put(connection, System.nanoTime());
      }

      @Override
      public void requestHeadersStart(Call c) {
        p.headStarted = true;
      }

      @Override
      public void requestHeadersEnd(Call c, Request r) {
        if (r.body() == null) {
          p.bodyWritten = true;
        }
      }

      @Override
      public void requestBodyEnd(Call c, long bytes) {
        p.bodyWritten = true;
      }

      @Override
      public void responseHeadersEnd(Call c, Response r) {
        p.answerHead = true;
      }
    };
  }

  /**
   * Refuses an answer whose length is ambiguous (two different Content-Lengths, or one beside
   * chunked framing) and closes its connection: the bytes after it could be read as the answer to
   * the next request.
   */
  private static Response unambiguous(Interceptor.Chain chain) throws IOException {
    Response r = chain.proceed(chain.request());
    List<String> lengths = r.headers("Content-Length");
    boolean chunked = r.header("Transfer-Encoding") != null;
    if (lengths.stream().distinct().count() > 1 || (chunked && !lengths.isEmpty())) {
      chain.call().cancel(); // closes the socket, so the connection is never reused
      r.close();
      throw new ProtocolException(
          chunked
              ? "the answer has both Content-Length and Transfer-Encoding"
              : "the answer has conflicting Content-Length headers");
    }
    return r;
  }

  /** An answer: status, the bounded body, and Retry-After if any. */
  record Answer(int status, byte[] body, String retryAfter, String contentType) {}

  /** The request certainly did not reach Bird. */
  static final class NotSent extends Exception {
    NotSent(String m) {
      super(m, null, false, false);
    }
  }

  /** The request may have reached Bird, but no answer was read. */
  static final class MaybeSent extends Exception {
    MaybeSent(String m) {
      super(m, null, false, false);
    }
  }

  /** One exchange: {@code body} null for a GET. */
  Answer exchange(String method, URI url, byte[] body) throws NotSent, MaybeSent {
    HttpUrl u = HttpUrl.parse(url.toString());
    if (u == null) {
      throw new NotSent("not an http or https URL: " + BirdClient.printable(cut(url.toString())));
    }
    if (!u.isHttps() && !Connection.isLoopback(u.host())) {
      // Connection refuses such URLs already; this keeps the key off any plain socket regardless.
      throw new NotSent(
          "refusing to send the access key unencrypted to " + u.host() + " (use https)");
    }
    Progress p = new Progress();
    Request request =
        new Request.Builder()
            .url(u)
            .headers(headers)
            .method(method, body == null ? null : RequestBody.create(body, JSON))
            .tag(Progress.class, p)
            .build();
    Call call = http.newCall(request);
    try (Response r = call.execute()) {
      BufferedSource source = r.body().source();
      if (source.request(maxAnswerBytes + 1L)) {
        call.cancel(); // do not drain the rest through a pooled connection
        throw new MaybeSent(
            "Bird's answer was larger than " + maxAnswerBytes / 1024 + " KiB; it was not read");
      }
      byte[] bytes = source.readByteArray();
      return new Answer(r.code(), bytes, r.header("Retry-After"), r.header("Content-Type"));
    } catch (IOException | RuntimeException e) {
      call.cancel();
      if (p.stale) {
        throw new NotSent(
            "a kept-alive connection to " + u.host() + " had been closed by the server");
      }
      if (!p.headStarted) {
        throw new NotSent(notSent(u, e));
      }
      throw new MaybeSent(maybeSent(p, e));
    }
  }

  /** Why nothing was sent: the connection (or the tunnel, or TLS) never came up. */
  private String notSent(HttpUrl u, Throwable e) {
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

  /** Why the outcome is unknown: the request (or part of it) went out, and no whole answer came. */
  private String maybeSent(Progress p, Throwable e) {
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

  /** False when the server closed the idle connection or sent something nobody asked for. */
  private static boolean stillOpen(Socket s) {
    try {
      int before = s.getSoTimeout();
      try {
        s.setSoTimeout(1);
        s.getInputStream().read(); // end of stream or unasked bytes: either way unusable
        return false;
      } finally {
        s.setSoTimeout(before);
      }
    } catch (SocketTimeoutException e) {
      return true; // nothing to read: open and quiet, as an idle connection should be
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // it is being discarded
    }
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

  private static String cut(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
