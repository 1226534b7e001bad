package dev.chirp.send;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  private Transport(Builder b) {
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
            .eventListenerFactory(new CallEvents(b.checkAfterIdle))
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
    private Duration checkAfterIdle = CallEvents.CHECK_AFTER_IDLE;

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
      throw new NotSent(
          "not an http or https URL: " + BirdClient.printable(Faults.cut(url.toString())));
    }
    if (!u.isHttps() && !Connection.isLoopback(u.host())) {
      // Connection refuses such URLs already; this keeps the key off any plain socket regardless.
      throw new NotSent(
          "refusing to send the access key unencrypted to " + u.host() + " (use https)");
    }
    CallEvents.Progress p = new CallEvents.Progress();
    Request request =
        new Request.Builder()
            .url(u)
            .headers(headers)
            .method(method, body == null ? null : RequestBody.create(body, JSON))
            .tag(CallEvents.Progress.class, p)
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
        throw new NotSent(Faults.notSent(u, e, proxies));
      }
      throw new MaybeSent(Faults.maybeSent(p, e, timeout));
    }
  }
}
