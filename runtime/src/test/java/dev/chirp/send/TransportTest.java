package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.send.Transport.Answer;
import dev.chirp.send.Transport.MaybeSent;
import dev.chirp.send.Transport.NotSent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OkHttp transport against a scripted server on loopback: each answer is written byte for byte
 * as given, so framing (chunked, until close, 1xx), keep-alive and malformed answers are exact, and
 * every fault must end as {@link NotSent} or {@link MaybeSent}, never as another exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportTest {
  static final Map<String, String> HEADERS = new java.util.LinkedHashMap<>();

  static {
    HEADERS.put("Authorization", "AccessKey k");
    HEADERS.put("User-Agent", "chirp/test");
  }

  /** Accepts connections on {@code server} until it closes, each handled on its own thread. */
  static void acceptEach(
      ServerSocket server, AtomicInteger connections, java.util.function.Consumer<Socket> handler) {
    Thread accepting =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  connections.incrementAndGet();
                  Thread t = new Thread(() -> handler.accept(s));
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "accepting");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** A server that answers each request with the next scripted reply, verbatim. */
  static final class Scripted implements AutoCloseable {
    final ServerSocket server;
    final Deque<Reply> replies = new ArrayDeque<>();
    final List<String> requests = new ArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    /** What to write, and whether to close the connection after it. */
    record Reply(String raw, boolean close) {}

    Scripted(ServerSocketFactory f) throws IOException {
      server = f.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptEach(server, connections, this::handle);
    }

    Scripted() throws IOException {
      this(ServerSocketFactory.getDefault());
    }

    volatile boolean neverRead;
    final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Accepts connections but never reads from them: a client's write stalls. */
    Scripted neverRead() {
      neverRead = true;
      return this;
    }

    /** Requests received after the first one. */
    synchronized int requestsAfterTheFirst() {
      return requests.size() - 1;
    }

    /**
     * Answers the next request with {@code raw} (ISO-8859-1 bytes; null: never answer); {@code
     * close}: close the connection after it. A raw ending in {@code <close-after-idle>} keeps the
     * connection 100 ms, then closes it.
     */
    synchronized Scripted reply(String raw, boolean close) {
      replies.add(new Reply(raw, close));
      return this;
    }

    URI url(String scheme, String host) {
      return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + "/v1/messages?x=1");
    }

    private void handle(Socket s) {
      if (neverRead) {
        held.add(s); // open and unread until the server closes
        return;
      }
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        while (true) {
          String head = head(in);
          if (head == null) {
            return;
          }
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
          Reply r;
          synchronized (this) {
            requests.add(head + body);
            r = replies.poll();
          }
          if (r.raw() == null) {
            Thread.sleep(60_000);
            return;
          }
          String raw = r.raw();
          boolean closeAfterIdle = raw.endsWith("<close-after-idle>");
          if (closeAfterIdle) {
            raw = raw.substring(0, raw.length() - "<close-after-idle>".length());
          }
          out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (closeAfterIdle) {
            Thread.sleep(100);
            return;
          }
          if (r.close()) {
            return;
          }
        }
      } catch (IOException e) {
        // the client went away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String head(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        b.write(c);
        byte[] a = b.toByteArray();
        int n = a.length;
        if (n >= 4
            && a[n - 4] == '\r'
            && a[n - 3] == '\n'
            && a[n - 2] == '\r'
            && a[n - 1] == '\n') {
          return b.toString(StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  Scripted server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  static Transport.Builder plain() {
    return Transport.builder()
        .connectTimeout(Duration.ofSeconds(2))
        .timeout(Duration.ofSeconds(2))
        .maxAnswerBytes(1024)
        .headers(HEADERS);
  }

  static Transport client() {
    return plain().build();
  }

  static String text(Answer a) {
    return a.status()
        + " "
        + new String(a.body(), StandardCharsets.UTF_8)
        + " retry-after="
        + a.retryAfter()
        + " type="
        + a.contentType();
  }

  static final String ACCEPTED =
      "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
          + "{\"id\":\"m-1\"}\n";

  static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void sendsTheExactRequestAndReusesTheConnection() throws Exception {
    server = new Scripted().reply(ACCEPTED, false).reply(ACCEPTED, false);
    Transport t = client();
    URI u = server.url("http", "127.0.0.1");
    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(t.exchange("POST", u, BODY)));
    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(t.exchange("POST", u, BODY)));
    String head =
        "POST /v1/messages?x=1 HTTP/1.1\r\n"
            + "Authorization: AccessKey k\r\n"
            + "User-Agent: chirp/test\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: 2\r\n"
            + "Host: 127.0.0.1:"
            + server.server.getLocalPort()
            + "\r\n"
            + "Connection: Keep-Alive\r\n"
            + "Accept-Encoding: gzip\r\n\r\n{}";
    assertEquals(List.of(head, head), server.requests);
    assertEquals(1, server.connections.get());
  }

  @Test
  void aGetHasNoBodyNorLength() throws Exception {
    server = new Scripted().reply(ACCEPTED, false);
    client().exchange("GET", server.url("http", "127.0.0.1"), null);
    String head = server.requests.get(0);
    assertTrue(head.startsWith("GET /v1/messages?x=1 HTTP/1.1\r\n"), head);
    assertTrue(!head.contains("Content-Length") && !head.contains("Content-Type"), head);
  }

  @Test
  void readsChunkedAnswersAndSkipsInterimOnes() throws Exception {
    server =
        new Scripted()
            .reply(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                    + "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + "4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n",
                false);
    assertEquals(
        "429 {\"a\":1} retry-after=7 type=null",
        text(client().exchange("POST", server.url("http", "127.0.0.1"), BODY)));
  }

  @Test
  void anAnswerWithoutLengthEndsAtCloseAndItsConnectionIsNotReused() throws Exception {
    server =
        new Scripted().reply("HTTP/1.1 500 Oops\r\n\r\nno length", true).reply(ACCEPTED, false);
    Transport t = client();
    URI u = server.url("http", "127.0.0.1");
    assertEquals("500 no length retry-after=null type=null", text(t.exchange("POST", u, BODY)));
    assertEquals(202, t.exchange("POST", u, BODY).status());
    assertEquals(2, server.connections.get());
  }

  @Test
  void aKeptAliveConnectionTheServerClosedIsNotWrittenTo() throws Exception {
    // The server answers, keeps the connection for a moment, then closes it while it is idle.
    server = new Scripted().reply(ACCEPTED + "<close-after-idle>", false).reply(ACCEPTED, false);
    Transport t = plain().checkAfterIdle(Duration.ZERO).build();
    URI u = server.url("http", "127.0.0.1");
    assertEquals(202, t.exchange("POST", u, BODY).status());
    Thread.sleep(300); // the server has closed its end by now
    NotSent e = assertThrows(NotSent.class, () -> t.exchange("POST", u, BODY));
    assertEquals(
        "a kept-alive connection to 127.0.0.1 had been closed by the server", e.getMessage());
    assertEquals(202, t.exchange("POST", u, BODY).status()); // the retry goes on a new one
    assertEquals(1, server.requestsAfterTheFirst()); // nothing of the refused try reached it
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed answers: each is a clean "maybe sent", never another exception

  void assertMaybeSent(String raw, String expected) throws Exception {
    server = new Scripted().reply(raw, true);
    MaybeSent e =
        assertThrows(
            MaybeSent.class,
            () -> client().exchange("POST", server.url("http", "127.0.0.1"), BODY));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void aNegativeChunkSizeIsMaybeSent() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n",
        "the connection failed after sending (IOException: Expected leading [0-9a-fA-F] character"
            + " but was 0x2d)");
  }

  @Test
  void aHugeChunkSizeIsMaybeSentWithoutReadingIt() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n"
            + "x".repeat(4096),
        "Bird's answer was larger than 1 KiB; it was not read");
  }

  @Test
  void aChunkShorterThanItsSizeIsMaybeSent() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nabc",
        "the connection failed after sending (IOException: unexpected end of stream)");
  }

  @Test
  void conflictingContentLengthsAreMaybeSent() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
        "the connection failed after sending (IOException: the answer has conflicting"
            + " Content-Length headers)");
  }

  @Test
  void contentLengthBesideChunkedIsMaybeSent() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2\r\n{}\r\n0\r\n\r\n",
        "the connection failed after sending (IOException: the answer has both Content-Length and"
            + " Transfer-Encoding)");
  }

  @Test
  void aServerThatClosesMidAnswerIsMaybeSent() throws Exception {
    assertMaybeSent(
        "HTTP/1.1 202 Accepted\r\nContent-Length: 40\r\n\r\n{\"id\":",
        "the connection failed after sending (IOException: unexpected end of stream)");
  }

  @Test
  void aServerThatClosesWithoutAnswerIsMaybeSent() throws Exception {
    server = new Scripted().reply("", true);
    MaybeSent e =
        assertThrows(
            MaybeSent.class,
            () -> client().exchange("POST", server.url("http", "127.0.0.1"), BODY));
    assertEquals(
        "the connection failed after sending (IOException: unexpected end of stream on"
            + " http://127.0.0.1:"
            + server.server.getLocalPort()
            + "/...)",
        e.getMessage());
  }

  @Test
  void aStatusLineThatIsNotHttpIsMaybeSent() throws Exception {
    assertMaybeSent(
        "SMTP ready\r\n\r\n",
        "the connection failed after sending (IOException: Unexpected status line: SMTP ready)");
  }

  @Test
  void aStalledWriteEndsAfterTheTimeout() throws Exception {
    server = new Scripted().neverRead();
    Transport t = plain().timeout(Duration.ofMillis(500)).build();
    byte[] big = new byte[32 * 1024 * 1024]; // far more than the socket buffers hold
    long start = System.nanoTime();
    MaybeSent e =
        assertThrows(
            MaybeSent.class, () -> t.exchange("POST", server.url("http", "127.0.0.1"), big));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        "the request could not be written within 500 ms (Bird stopped reading it)", e.getMessage());
    assertTrue(ms < 20_000, "the write was not bounded: " + ms + " ms");
  }

  @Test
  void aSilentServerIsMaybeSentAfterTheTimeout() throws Exception {
    server = new Scripted().reply(null, false); // reads the request, never answers
    Transport t = plain().timeout(Duration.ofMillis(500)).build();
    assertEquals(
        "no answer within 500 ms after sending",
        assertThrows(
                MaybeSent.class, () -> t.exchange("POST", server.url("http", "127.0.0.1"), BODY))
            .getMessage());
  }

  @Test
  void aClosedPortIsNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI u = URI.create("http://127.0.0.1:" + port + "/v1");
    assertEquals(
        "could not connect to 127.0.0.1:" + port + " (connection refused)",
        assertThrows(NotSent.class, () -> client().exchange("POST", u, BODY)).getMessage());
  }

  @Test
  void everyAddressOfTheHostIsTried() throws Exception {
    server = new Scripted().reply(ACCEPTED, false); // listens on 127.0.0.1 only
    Transport t =
        plain()
            .dns(
                host ->
                    List.of(
                        InetAddress.getByName("127.0.0.2"), // nothing listens there
                        InetAddress.getByName("127.0.0.1")))
            .build();
    URI u = URI.create("http://localhost:" + server.server.getLocalPort() + "/v1");
    assertEquals(202, t.exchange("POST", u, BODY).status());
  }

  @Test
  void plainHttpToAHostOnTheNetworkIsRefusedBeforeConnecting() {
    assertEquals(
        "refusing to send the access key unencrypted to api.bird.com (use https)",
        assertThrows(
                NotSent.class,
                () -> client().exchange("POST", URI.create("http://api.bird.com/v1"), BODY))
            .getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // TLS: a self-signed certificate for "localhost", made by the JDK's keytool

  @TempDir Path dir;

  SSLContext tls() throws Exception {
    Path ks = dir.resolve("ks.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                ks.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret",
                "-keypass",
                "secret",
                "-alias",
                "bird",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,dns:bird.test",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
      store.load(in, "secret".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(store, "secret".toCharArray());
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(store);
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    return c;
  }

  static X509TrustManager trust(SSLContext c, Path ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
      store.load(in, "secret".toCharArray());
    }
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(store);
    return (X509TrustManager) tm.getTrustManagers()[0];
  }

  Transport trusting(SSLContext c) throws Exception {
    return plain().tls(c.getSocketFactory(), trust(c, dir.resolve("ks.p12"))).build();
  }

  @Test
  void aTrustedCertificateIsAcceptedWithItsHostNameChecked() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false);
    Transport t = trusting(c);
    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(t.exchange("POST", server.url("https", "localhost"), BODY)));

    // The certificate names localhost, not 127.0.0.1: refused before anything is sent.
    assertEquals(
        "could not connect to 127.0.0.1:"
            + server.server.getLocalPort()
            + " (its TLS certificate is not for this host name)",
        assertThrows(
                NotSent.class, () -> t.exchange("POST", server.url("https", "127.0.0.1"), BODY))
            .getMessage());
    assertEquals(1, server.requests.size());
  }

  @Test
  void aSelfSignedCertificateIsRefused() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false);
    // The JDK's own trust store does not know the test's certificate.
    assertEquals(
        "could not connect to localhost:"
            + server.server.getLocalPort()
            + " (its TLS certificate is not trusted)",
        assertThrows(
                NotSent.class,
                () -> client().exchange("POST", server.url("https", "localhost"), BODY))
            .getMessage());
    assertEquals(0, server.requests.size());
  }

  // ---------------------------------------------------------------------------------------------
  // Proxies: a CONNECT proxy on loopback that answers as scripted and then relays bytes

  /** A CONNECT proxy: records each CONNECT head, answers {@code answer}, relays on a 200. */
  static final class ConnectProxy implements AutoCloseable {
    final ServerSocket server;
    final List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final String answer;
    final String requiredAuthorization;

    /** Answers {@code answer}, or 407 to a CONNECT without {@code requiredAuthorization}. */
    ConnectProxy(String answer, String requiredAuthorization) throws IOException {
      this.answer = answer;
      this.requiredAuthorization = requiredAuthorization;
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptEach(server, connections, this::handle);
    }

    int port() {
      return server.getLocalPort();
    }

    private void handle(Socket client) {
      try {
        String head = Scripted.head(client.getInputStream());
        heads.add(head);
        if (answer == null) {
          return; // silent: holds the connection open and never answers
        }
        if (requiredAuthorization != null
            && !head.contains("\r\nProxy-Authorization: " + requiredAuthorization + "\r\n")) {
          client
              .getOutputStream()
              .write(
                  ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                          + " realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
          client.close();
          return;
        }
        client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        if (!answer.startsWith("HTTP/1.1 200")) {
          client.close();
          return;
        }
        String authority = head.substring("CONNECT ".length(), head.indexOf(' ', 8));
        int colon = authority.lastIndexOf(':');
        Socket target =
            new Socket(
                InetAddress.getLoopbackAddress(), Integer.parseInt(authority.substring(colon + 1)));
        relay(client, target);
        relay(target, client);
      } catch (IOException e) {
        // the client went away
      }
    }

    private static void relay(Socket from, Socket to) {
      Thread t =
          new Thread(
              () -> {
                try {
                  from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                  // one side closed
                } finally {
                  try {
                    to.shutdownOutput();
                  } catch (IOException e) {
                    // already closed
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  Transport throughProxy(SSLContext c, int proxyPort, String authorization) throws Exception {
    return plain()
        .tls(c.getSocketFactory(), trust(c, dir.resolve("ks.p12")))
        .proxies(Proxies.of("127.0.0.1", proxyPort, authorization))
        .build();
  }

  /** Proxies.of sends loopback targets directly, so the target is named as Bird would be. */
  static final String BIRD_LIKE = "bird.test";

  /** {@code u} with the host the proxy reaches (it relays every tunnel to loopback). */
  static URI proxied(URI u) {
    return URI.create(u.toString().replace("://localhost:", "://" + BIRD_LIKE + ":"));
  }

  @Test
  void tunnelsTlsThroughAConnectProxyWithCredentials() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false).reply(ACCEPTED, false);
    try (ConnectProxy proxy =
        new ConnectProxy("HTTP/1.1 200 Connection established\r\n\r\n", "Basic YWRhOnB3")) {
      Transport t = throughProxy(c, proxy.port(), "Basic YWRhOnB3");
      URI u = URI.create("https://localhost:" + server.server.getLocalPort() + "/v1/messages");
      assertEquals(202, t.exchange("POST", proxied(u), BODY).status());
      assertEquals(202, t.exchange("POST", proxied(u), BODY).status());
      assertEquals(1, proxy.connections.get()); // the tunnel is kept and reused
      assertTrue(
          proxy
              .heads
              .get(proxy.heads.size() - 1)
              .contains("Proxy-Authorization: Basic YWRhOnB3\r\n"),
          proxy.heads.toString());
      assertEquals(2, server.requests.size()); // both reached Bird, inside the tunnel
      assertTrue(server.requests.get(0).contains("Authorization: AccessKey k"));
      proxy.heads.forEach(h -> assertTrue(!h.contains("AccessKey"), h)); // the proxy never sees it
    }
  }

  @Test
  void aProxyThatWantsCredentialsIsNotSentAndSaysHowToGiveThem() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false);
    try (ConnectProxy proxy =
        new ConnectProxy("HTTP/1.1 200 Connection established\r\n\r\n", "Basic YWRhOnB3")) {
      URI u = proxied(URI.create("https://localhost:" + server.server.getLocalPort() + "/v1"));
      String refused =
          "the proxy 127.0.0.1:"
              + proxy.port()
              + " refused a tunnel to "
              + BIRD_LIKE
              + ":"
              + server.server.getLocalPort()
              + " (HTTP 407); ";
      assertEquals(
          refused + "give its user and password in HTTPS_PROXY as http://USER:PASSWORD@HOST:PORT",
          assertThrows(
                  NotSent.class,
                  () -> throughProxy(c, proxy.port(), null).exchange("POST", u, BODY))
              .getMessage());
      assertEquals(
          refused + "it did not accept the user and password in HTTPS_PROXY",
          assertThrows(
                  NotSent.class,
                  () -> throughProxy(c, proxy.port(), "Basic d3Jvbmc=").exchange("POST", u, BODY))
              .getMessage());
      assertEquals(0, server.requests.size());
    }
  }

  @Test
  void aProxyThatIsNotThereIsNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Transport t = throughProxy(tls(), port, null);
    assertEquals(
        "could not connect to the proxy 127.0.0.1:" + port + " (connection refused)",
        assertThrows(
                NotSent.class,
                () -> t.exchange("POST", URI.create("https://api.bird.com/v1"), BODY))
            .getMessage());
  }
}
