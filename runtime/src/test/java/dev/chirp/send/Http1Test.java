package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chirp.send.BirdClient.Answer;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 transport against a scripted server on loopback: each answer is written byte for
 * byte as given, so framing (chunked, until close, 1xx), keep-alive and faults are exact.
 */
class Http1Test {
  static final String HEADERS = "Authorization: AccessKey k\r\nContent-Type: application/json\r\n";

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

    synchronized Scripted reply(String raw, boolean close) {
      replies.add(new Reply(raw, close));
      return this;
    }

    URI url(String scheme, String host) {
      return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + "/v1/messages?x=1");
    }

    private void handle(Socket s) {
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
          out.write(r.raw().getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (r.close()) {
            return;
          }
        }
      } catch (IOException e) {
        // the client went away
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

  static Http1 client() {
    return new Http1(
        Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, HEADERS, Proxy.Choice.none());
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

  @Test
  void sendsTheExactRequestAndReusesTheConnection() throws Exception {
    server = new Scripted().reply(ACCEPTED, false).reply(ACCEPTED, false);
    Http1 h = client();
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(h.exchange("POST", server.url("http", "127.0.0.1"), body)));
    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(h.exchange("POST", server.url("http", "127.0.0.1"), body)));

    assertEquals(1, server.connections.get());
    assertEquals(
        "POST /v1/messages?x=1 HTTP/1.1\r\nHost: 127.0.0.1:"
            + server.server.getLocalPort()
            + "\r\nAuthorization: AccessKey k\r\nContent-Type: application/json\r\n"
            + "Content-Length: 7\r\n\r\n{\"a\":1}",
        server.requests.get(0));
  }

  @Test
  void aGetHasNoBodyNorLength() throws Exception {
    server = new Scripted().reply(ACCEPTED, false);
    client().exchange("GET", server.url("http", "127.0.0.1"), null);

    assertEquals(
        "GET /v1/messages?x=1 HTTP/1.1\r\nHost: 127.0.0.1:"
            + server.server.getLocalPort()
            + "\r\nAuthorization: AccessKey k\r\nContent-Type: application/json\r\n\r\n",
        server.requests.get(0));
  }

  @Test
  void readsChunkedAnswersAndSkipsInterimOnes() throws Exception {
    server =
        new Scripted()
            .reply(
                "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\n"
                    + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                    + "5;ext=1\r\n{\"cod\r\nB\r\ne\":\"slow\"}\n\r\n0\r\nX-Trailer: t\r\n\r\n",
                false)
            .reply(ACCEPTED, false);
    Http1 h = client();

    assertEquals(
        "429 {\"code\":\"slow\"}\n retry-after=3 type=application/json",
        text(h.exchange("POST", server.url("http", "127.0.0.1"), new byte[0])));
    h.exchange("POST", server.url("http", "127.0.0.1"), new byte[0]);
    assertEquals(1, server.connections.get(), "the chunked answer was read to its end");
  }

  @Test
  void anAnswerWithoutLengthEndsAtCloseAndItsConnectionIsNotReused() throws Exception {
    server =
        new Scripted()
            .reply("HTTP/1.0 200 OK\r\n\r\n{\"id\":\"old\"}", true)
            .reply(
                "HTTP/1.1 202 Accepted\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", true)
            .reply(ACCEPTED, false);
    Http1 h = client();

    assertEquals(
        "200 {\"id\":\"old\"} retry-after=null type=",
        text(h.exchange("GET", server.url("http", "127.0.0.1"), null)));
    assertEquals(
        "202 {} retry-after=null type=",
        text(h.exchange("GET", server.url("http", "127.0.0.1"), null)));
    h.exchange("GET", server.url("http", "127.0.0.1"), null);
    assertEquals(3, server.connections.get());
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsNotUsed() throws Exception {
    // The server closes after answering without saying so; the idle check finds it closed, so the
    // next request goes out on a new connection instead of failing as "maybe sent".
    server = new Scripted().reply(ACCEPTED, true).reply(ACCEPTED, false);
    Http1 h =
        new Http1(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            1024,
            HEADERS,
            Duration.ZERO,
            null,
            Proxy.Choice.none());
    h.exchange("POST", server.url("http", "127.0.0.1"), new byte[0]);
    Thread.sleep(100);

    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(h.exchange("POST", server.url("http", "127.0.0.1"), new byte[0])));
    assertEquals(2, server.connections.get());
  }

  @Test
  void faultsAfterSendingAreMaybeSent() throws Exception {
    server =
        new Scripted()
            .reply("SSH-2.0-OpenSSH_9.2\r\n", true)
            .reply("HTTP/1.1 202 Accepted\r\nX-Big: " + "x".repeat(70_000) + "\r\n\r\n", true)
            .reply("HTTP/1.1 202 Accepted\r\nContent-Length: 2000\r\n\r\n", true)
            .reply("HTTP/1.1 202 Accepted\r\nContent-Length: 20\r\n\r\n{\"id\"", true);
    Http1 h = client();
    URI u = server.url("http", "127.0.0.1");

    assertEquals(
        "the connection failed after sending (IOException: not an HTTP/1.1 answer: SSH-2.0-OpenSSH_9.2)",
        assertThrows(BirdClient.MaybeSent.class, () -> h.exchange("POST", u, new byte[0]))
            .getMessage());
    assertEquals(
        "Bird's answer headers were larger than 64 KiB",
        assertThrows(BirdClient.MaybeSent.class, () -> h.exchange("POST", u, new byte[0]))
            .getMessage());
    assertEquals(
        "Bird's answer was larger than 1 KiB; it was not read",
        assertThrows(BirdClient.MaybeSent.class, () -> h.exchange("POST", u, new byte[0]))
            .getMessage());
    assertEquals(
        "the connection failed after sending (IOException: the connection closed in the middle of the answer)",
        assertThrows(BirdClient.MaybeSent.class, () -> h.exchange("POST", u, new byte[0]))
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
        assertThrows(BirdClient.NotSent.class, () -> client().exchange("POST", u, new byte[0]))
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
                "SAN=dns:localhost",
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

  @Test
  void speaksTlsAndChecksTheHostName() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false).reply(ACCEPTED, false);
    Http1 h =
        new Http1(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            1024,
            HEADERS,
            Http1.CHECK_AFTER_IDLE,
            c.getSocketFactory(),
            Proxy.Choice.none());

    assertEquals(
        "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
        text(h.exchange("POST", server.url("https", "localhost"), new byte[0])));

    // The certificate names localhost, not 127.0.0.1: the handshake fails before anything is sent.
    String m =
        assertThrows(
                BirdClient.NotSent.class,
                () -> h.exchange("POST", server.url("https", "127.0.0.1"), new byte[0]))
            .getMessage();
    assertEquals(
        "could not connect to 127.0.0.1:"
            + server.server.getLocalPort()
            + " (IOException: No subject alternative names matching IP address 127.0.0.1 found)",
        m);
  }

  // ---------------------------------------------------------------------------------------------
  // Proxies: a CONNECT proxy on loopback that answers as scripted and then relays bytes

  /** A CONNECT proxy: records each CONNECT head, answers {@code answer}, relays on a 200. */
  static final class ConnectProxy implements AutoCloseable {
    final ServerSocket server;
    final List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final String answer;

    ConnectProxy(String answer) throws IOException {
      this.answer = answer;
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

  Http1 throughProxy(SSLContext c, int proxyPort, String authorization) {
    return throughProxy(c, proxyPort, authorization, Duration.ofSeconds(5));
  }

  Http1 throughProxy(SSLContext c, int proxyPort, String authorization, Duration connect) {
    Proxy p = new Proxy("127.0.0.1", proxyPort, authorization);
    return new Http1(
        connect,
        Duration.ofSeconds(5),
        1024,
        HEADERS,
        Http1.CHECK_AFTER_IDLE,
        c.getSocketFactory(),
        t -> Optional.of(p));
  }

  @Test
  void tunnelsTlsThroughAConnectProxyAndReusesTheTunnel() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false).reply(ACCEPTED, false);
    try (ConnectProxy proxy = new ConnectProxy("HTTP/1.1 200 Connection established\r\n\r\n")) {
      Http1 h = throughProxy(c, proxy.port(), "Basic YWRhOnB3");
      URI u = server.url("https", "localhost");

      assertEquals(
          "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
          text(h.exchange("POST", u, "{}".getBytes(StandardCharsets.UTF_8))));
      assertEquals(
          "202 {\"id\":\"m-1\"}\n retry-after=null type=application/json",
          text(h.exchange("POST", u, "{}".getBytes(StandardCharsets.UTF_8))));

      String authority = "localhost:" + server.server.getLocalPort();
      assertEquals(
          List.of(
              "CONNECT "
                  + authority
                  + " HTTP/1.1\r\nHost: "
                  + authority
                  + "\r\nProxy-Authorization: Basic YWRhOnB3\r\n\r\n"),
          proxy.heads);
      assertEquals(1, proxy.connections.get());
      assertEquals(2, server.requests.size()); // both requests reached Bird, inside the tunnel
    }
  }

  @Test
  void aProxyThatRefusesTheTunnelIsNotSent() throws Exception {
    SSLContext c = tls();
    server = new Scripted(c.getServerSocketFactory()).reply(ACCEPTED, false);
    try (ConnectProxy proxy =
        new ConnectProxy(
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n"
                + "Content-Length: 0\r\n\r\n")) {
      Http1 h = throughProxy(c, proxy.port(), null);

      assertEquals(
          "the proxy 127.0.0.1:"
              + proxy.port()
              + " refused a tunnel to localhost:"
              + server.server.getLocalPort()
              + " (HTTP/1.1 407 Proxy Authentication Required); give its user and password in"
              + " HTTPS_PROXY as http://USER:PASSWORD@HOST:PORT",
          assertThrows(
                  BirdClient.NotSent.class,
                  () -> h.exchange("POST", server.url("https", "localhost"), new byte[0]))
              .getMessage());
      assertEquals(
          "the proxy 127.0.0.1:"
              + proxy.port()
              + " refused a tunnel to localhost:"
              + server.server.getLocalPort()
              + " (HTTP/1.1 407 Proxy Authentication Required); it did not accept the user and"
              + " password in HTTPS_PROXY",
          assertThrows(
                  BirdClient.NotSent.class,
                  () ->
                      throughProxy(c, proxy.port(), "Basic YWRhOnB3")
                          .exchange("POST", server.url("https", "localhost"), new byte[0]))
              .getMessage());
      assertEquals(0, server.connections.get());
    }
  }

  @Test
  void aProxyThatNeverAnswersIsNotSentAfterTheConnectTimeout() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy(null)) {
      Http1 h = throughProxy(tls(), proxy.port(), null, Duration.ofMillis(300));
      assertEquals(
          "the proxy 127.0.0.1:"
              + proxy.port()
              + " opened no tunnel to api.bird.com within the connect timeout",
          assertThrows(
                  BirdClient.NotSent.class,
                  () -> h.exchange("POST", URI.create("https://api.bird.com/v1"), new byte[0]))
              .getMessage());
    }
  }

  @Test
  void aProxyThatIsNotThereIsNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Http1 h = throughProxy(tls(), port, null);
    assertEquals(
        "could not connect to the proxy 127.0.0.1:" + port + " (connection refused)",
        assertThrows(
                BirdClient.NotSent.class,
                () -> h.exchange("POST", URI.create("https://api.bird.com/v1"), new byte[0]))
            .getMessage());
  }
}
