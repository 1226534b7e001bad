package dev.chirp.send;

import dev.chirp.send.BirdClient.Answer;
import dev.chirp.send.BirdClient.MaybeSent;
import dev.chirp.send.BirdClient.NotSent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking HTTP/1.1 client over keep-alive connections (TLS for https): one request per
 * connection at a time, bounded answers, one deadline per exchange. Thread-safe.
 *
 * <p>Why not the JDK's HttpClient or OkHttp: the send benchmark (bench/README.md) measured them at
 * about a third and two thirds of what a plain blocking exchange reaches against the same server,
 * and chirp must reach half of wrk's rate with its own work (rendering, journal) on top. What chirp
 * needs of HTTP is narrow: POST and GET of small JSON bodies to one origin, no redirects, no
 * cookies, no HTTP/2.
 *
 * <p>What is safe to resend is decided here by one rule: a fault before any byte of the request is
 * written is {@link NotSent}; any fault after is {@link MaybeSent}. A pooled connection that has
 * been idle long is checked before use (as OkHttp does), so a connection the server has closed is
 * not the cause of an unknown outcome.
 */
final class Http1 {
  /** Largest status line plus headers read; a larger head is an error, not an out-of-memory. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Connections idle longer than this are checked before reuse (a 1 ms read), as OkHttp does. */
  static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(10);

  private static final byte[] CRLF = {'\r', '\n'};

  private final Duration connectTimeout;
  private final Duration timeout;
  private final int maxAnswerBytes;
  private final String headers;
  private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
  private final Map<String, byte[]> heads = new ConcurrentHashMap<>();
  private final long checkAfterIdleNanos;
  private volatile SSLSocketFactory tls;
  private final Proxy.Choice proxies;

  /**
   * {@code headers} are the header lines every request carries, each ending in CRLF (the key among
   * them: it stays in this object and on the wire, never in a message).
   */
  /** With https requests going through the proxies {@code proxies} chooses. */
  Http1(
      Duration connectTimeout,
      Duration timeout,
      int maxAnswerBytes,
      String headers,
      Proxy.Choice proxies) {
    this(connectTimeout, timeout, maxAnswerBytes, headers, CHECK_AFTER_IDLE, null, proxies);
  }

  /**
   * With the idle check, TLS sockets and proxies chosen (tests); {@code tls} null for the JDK
   * default.
   */
  Http1(
      Duration connectTimeout,
      Duration timeout,
      int maxAnswerBytes,
      String headers,
      Duration checkAfterIdle,
      SSLSocketFactory tls,
      Proxy.Choice proxies) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.maxAnswerBytes = maxAnswerBytes;
    this.headers = headers;
    this.checkAfterIdleNanos = checkAfterIdle.toNanos();
    this.tls = tls;
    this.proxies = proxies;
  }

  /** One exchange: {@code body} null for a GET. */
  Answer exchange(String method, URI url, byte[] body) throws NotSent, MaybeSent {
    Conn c = connection(url);
    byte[] request = request(method, url, body);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      c.out.write(request);
      c.out.flush();
    } catch (IOException e) {
      c.close();
      throw new MaybeSent("the connection failed after sending (" + simple(e) + ")");
    }
    Answer a;
    try {
      a = c.read(deadline);
    } catch (Timeout e) {
      c.close();
      throw new MaybeSent(
          (e.headRead ? "no complete answer within " : "no answer within ")
              + seconds(timeout)
              + " after sending");
    } catch (TooLarge e) {
      c.close();
      throw new MaybeSent(e.getMessage());
    } catch (IOException e) {
      c.close();
      throw new MaybeSent("the connection failed after sending (" + simple(e) + ")");
    }
    if (c.reusable) {
      c.idleSince = System.nanoTime();
      idle.push(c);
    } else {
      c.close();
    }
    return a;
  }

  private byte[] request(String method, URI url, byte[] body) {
    String key = method + " " + url;
    byte[] head = heads.get(key);
    if (head == null) {
      String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      head =
          (method
                  + " "
                  + (target.isEmpty() ? "/" : target)
                  + " HTTP/1.1\r\nHost: "
                  + url.getHost()
                  + (url.getPort() > 0 ? ":" + url.getPort() : "")
                  + "\r\n"
                  + headers)
              .getBytes(StandardCharsets.UTF_8);
      if (heads.size() < 16) { // the messages URL of a batch, not every contact looked up
        heads.put(key, head);
      }
    }
    byte[] length =
        (body == null ? "\r\n" : "Content-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int n = head.length + length.length + (body == null ? 0 : body.length);
    byte[] out = new byte[n];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(length, 0, out, head.length, length.length);
    if (body != null) {
      System.arraycopy(body, 0, out, head.length + length.length, body.length);
    }
    return out;
  }

  private Conn connection(URI url) throws NotSent {
    String origin = origin(url);
    long now = System.nanoTime();
    for (Conn c; (c = idle.poll()) != null; ) {
      if (!c.origin.equals(origin)) {
        c.close();
        continue;
      }
      if (now - c.idleSince >= checkAfterIdleNanos && !c.healthy()) {
        c.close();
        continue;
      }
      return c;
    }
    return connect(url, origin);
  }

  private Conn connect(URI url, String origin) throws NotSent {
    java.util.Optional<Proxy> via = proxies.forTarget(url);
    if (via.isPresent()) {
      return connectThrough(via.get(), url, origin);
    }
    String host = url.getHost();
    int port = port(url);
    int ms = connectMillis();
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, port), ms);
      s.setTcpNoDelay(true);
      if (url.getScheme().equals("https")) {
        s = handshake(s, host, port, ms);
      }
      return new Conn(origin, s);
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new NotSent("could not connect to " + host + " within the connect timeout");
    } catch (UnknownHostException e) {
      closeQuietly(s);
      throw new NotSent("could not connect to " + host + ":" + port + " (unknown host)");
    } catch (ConnectException e) {
      closeQuietly(s);
      throw new NotSent("could not connect to " + host + ":" + port + " (" + refused(e) + ")");
    } catch (IOException e) {
      closeQuietly(s);
      throw new NotSent("could not connect to " + host + ":" + port + " (" + simple(e) + ")");
    }
  }

  /**
   * Connects to {@code proxy}, asks it for a tunnel to the host of {@code url} (CONNECT), and
   * speaks TLS to that host through it. Nothing of the request has been written to anyone when this
   * fails, so every failure is {@link NotSent}.
   */
  private Conn connectThrough(Proxy proxy, URI url, String origin) throws NotSent {
    String host = url.getHost();
    int port = port(url);
    int ms = connectMillis();
    Socket s = new Socket();
    boolean tunnelled = false;
    try {
      try {
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), ms);
      } catch (SocketTimeoutException e) {
        throw new NotSent(
            "could not connect to the proxy " + proxy + " within the connect timeout");
      } catch (UnknownHostException e) {
        throw new NotSent("could not connect to the proxy " + proxy + " (unknown host)");
      } catch (ConnectException e) {
        throw new NotSent("could not connect to the proxy " + proxy + " (" + refused(e) + ")");
      }
      s.setTcpNoDelay(true);
      s.setSoTimeout(ms);
      String authority = host + ":" + port;
      OutputStream out = s.getOutputStream();
      out.write(
          ("CONNECT "
                  + authority
                  + " HTTP/1.1\r\nHost: "
                  + authority
                  + "\r\n"
                  + (proxy.authorization() == null
                      ? ""
                      : "Proxy-Authorization: " + proxy.authorization() + "\r\n")
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = tunnelStatus(s.getInputStream());
      if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.0 200")) {
        throw new NotSent(
            "the proxy "
                + proxy
                + " refused a tunnel to "
                + authority
                + " ("
                + (status.isEmpty()
                    ? "it closed the connection"
                    : BirdClient.printable(cut(status)))
                + ")"
                + (status.matches("HTTP/1\\.[01] 407.*")
                    ? (proxy.authorization() == null
                        ? "; give its user and password in HTTPS_PROXY as"
                            + " http://USER:PASSWORD@HOST:PORT"
                        : "; it did not accept the user and password in HTTPS_PROXY")
                    : ""));
      }
      tunnelled = true;
      return new Conn(origin, handshake(s, host, port, ms));
    } catch (NotSent e) {
      closeQuietly(s);
      throw e;
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new NotSent(
          tunnelled
              ? "no TLS handshake with "
                  + host
                  + " through the proxy "
                  + proxy
                  + " within the connect timeout"
              : "the proxy "
                  + proxy
                  + " opened no tunnel to "
                  + host
                  + " within the connect timeout");
    } catch (IOException e) {
      closeQuietly(s);
      throw new NotSent(
          "could not connect to "
              + host
              + ":"
              + port
              + " through the proxy "
              + proxy
              + " ("
              + simple(e)
              + ")");
    }
  }

  /**
   * The status line of the proxy's answer to CONNECT, its headers skipped ("" when it closed). Read
   * a byte at a time: what follows the blank line belongs to the tunnel.
   */
  private static String tunnelStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    String status = null;
    int total = 0;
    for (int c; (c = in.read()) >= 0; ) {
      if (++total > MAX_HEAD_BYTES) {
        throw new IOException("the proxy's answer to CONNECT is larger than 64 KiB");
      }
      if (c == '\n') {
        String l = line.toString().strip();
        line.setLength(0);
        if (status == null) {
          status = l;
        } else if (l.isEmpty()) {
          return status;
        }
      } else {
        line.append((char) c);
      }
    }
    return status == null ? "" : status;
  }

  private int connectMillis() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
  }

  /** TLS to {@code host} over the connected {@code s}, its name checked against the certificate. */
  private SSLSocket handshake(Socket s, String host, int port, int ms) throws IOException {
    SSLSocket t = (SSLSocket) tls().createSocket(s, host, port, true);
    SSLParameters p = t.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    t.setSSLParameters(p);
    t.setSoTimeout(ms);
    t.startHandshake();
    return t;
  }

  /** "connection refused", or the fault as it is. */
  private static String refused(ConnectException e) {
    return e.getMessage() != null && e.getMessage().startsWith("Connection refused")
        ? "connection refused"
        : simple(e);
  }

  private SSLSocketFactory tls() throws IOException {
    SSLSocketFactory f = tls;
    if (f == null) {
      try {
        f = SSLContext.getDefault().getSocketFactory();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IOException("no TLS available: " + e.getMessage());
      }
      tls = f;
    }
    return f;
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + ":" + port(url);
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
  }

  /** The fault's message, as "IOException: ..." whatever its class (tests match on this). */
  private static String simple(Throwable t) {
    String m = t.getMessage();
    return "IOException" + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do: the connection is being discarded
    }
  }

  /** The deadline passed; {@code headRead} when the status line and headers had arrived. */
  private static final class Timeout extends IOException {
    final boolean headRead;

    Timeout(boolean headRead) {
      super("timeout", null);
      this.headRead = headRead;
    }
  }

  private static final class TooLarge extends IOException {
    TooLarge(String m) {
      super(m, null);
    }
  }

  /** One connection: used by one exchange at a time. */
  private final class Conn {
    final String origin;
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final byte[] buf = new byte[16 * 1024];
    int pos;
    int limit;
    boolean reusable;
    long idleSince;
    long deadline;
    boolean headRead;

    Conn(String origin, Socket socket) throws IOException {
      this.origin = origin;
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** False when the server has closed the connection or sent something unasked. */
    boolean healthy() {
      if (pos < limit) {
        return false;
      }
      try {
        socket.setSoTimeout(1);
        in.read(); // data nobody asked for, or the end of the stream: either way unusable
        return false;
      } catch (SocketTimeoutException e) {
        return true; // nothing to read: still open
      } catch (IOException e) {
        return false;
      }
    }

    void close() {
      closeQuietly(socket);
    }

    Answer read(long deadline) throws IOException {
      this.deadline = deadline;
      this.headRead = false;
      int status;
      Head h;
      do {
        h = head();
        status = h.status;
      } while (status >= 100 && status < 200);
      headRead = true;
      byte[] body;
      reusable = h.keepAlive;
      if (status == 204 || status == 304) {
        body = new byte[0];
      } else if (h.chunked) {
        body = chunked();
      } else if (h.length >= 0) {
        if (h.length > maxAnswerBytes) {
          throw tooLarge();
        }
        body = new byte[(int) h.length];
        readFully(body);
      } else {
        reusable = false;
        body = untilClose();
      }
      return new Answer(status, body, h.retryAfter, h.contentType == null ? "" : h.contentType);
    }

    private TooLarge tooLarge() {
      return new TooLarge(
          "Bird's answer was larger than " + maxAnswerBytes / 1024 + " KiB; it was not read");
    }

    private Head head() throws IOException {
      Head h = new Head();
      int used = 0;
      String line = line(MAX_HEAD_BYTES);
      used += line.length();
      // "HTTP/1.1 200 OK"
      if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
        throw new IOException("not an HTTP/1.1 answer: " + BirdClient.printable(cut(line)));
      }
      try {
        h.status = Integer.parseInt(line.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status: " + BirdClient.printable(cut(line)));
      }
      boolean http10 = line.startsWith("HTTP/1.0");
      h.keepAlive = !http10;
      while (true) {
        line = line(MAX_HEAD_BYTES - used);
        used += line.length() + 2;
        if (used > MAX_HEAD_BYTES) {
          throw new TooLarge(
              "Bird's answer headers were larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
        }
        if (line.isEmpty()) {
          return h;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          try {
            h.length = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + BirdClient.printable(cut(value)));
          }
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
          h.chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
          String v = value.toLowerCase(java.util.Locale.ROOT);
          if (v.contains("close")) {
            h.keepAlive = false;
          } else if (v.contains("keep-alive")) {
            h.keepAlive = true;
          }
        } else if (name.equalsIgnoreCase("retry-after")) {
          h.retryAfter = value;
        } else if (name.equalsIgnoreCase("content-type")) {
          h.contentType = value;
        }
      }
    }

    private byte[] chunked() throws IOException {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      while (true) {
        String size = line(1024);
        int semi = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size: " + BirdClient.printable(cut(size)));
        }
        if (n == 0) {
          while (!line(MAX_HEAD_BYTES).isEmpty()) {
            // trailers: ignored
          }
          return b.toByteArray();
        }
        if (b.size() + n > maxAnswerBytes) {
          throw tooLarge();
        }
        byte[] chunk = new byte[(int) n];
        readFully(chunk);
        b.write(chunk, 0, chunk.length);
        if (!line(2).isEmpty()) {
          throw new IOException("bad chunk end");
        }
      }
    }

    private byte[] untilClose() throws IOException {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      do { // what is already buffered first
        if (b.size() + (limit - pos) > maxAnswerBytes) {
          throw tooLarge();
        }
        b.write(buf, pos, limit - pos);
        pos = limit;
      } while (fill());
      return b.toByteArray();
    }

    private void readFully(byte[] into) throws IOException {
      int off = 0;
      while (off < into.length) {
        if (pos == limit && !fill()) {
          throw new IOException("the connection closed in the middle of the answer");
        }
        int n = Math.min(limit - pos, into.length - off);
        System.arraycopy(buf, pos, into, off, n);
        pos += n;
        off += n;
      }
    }

    /** A line without its CRLF (or LF), of at most {@code max} bytes. */
    private String line(int max) throws IOException {
      StringBuilder s = null;
      int start = pos;
      while (true) {
        for (int i = pos; i < limit; i++) {
          if (buf[i] == '\n') {
            int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
            String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
            pos = i + 1;
            if (s == null) {
              return part;
            }
            s.append(part);
            int n = s.length();
            if (n > 0 && s.charAt(n - 1) == '\r') {
              s.setLength(n - 1);
            }
            return s.toString();
          }
        }
        if (s == null) {
          s = new StringBuilder();
        }
        s.append(new String(buf, start, limit - start, StandardCharsets.ISO_8859_1));
        pos = limit;
        if (s.length() > max) {
          throw new TooLarge(
              "Bird's answer headers were larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
        }
        if (!fill()) {
          throw new IOException("the connection closed before a complete answer");
        }
        start = pos;
      }
    }

    /** Reads more into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new Timeout(headRead);
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
      int n;
      try {
        n = in.read(buf, 0, buf.length);
      } catch (SocketTimeoutException e) {
        throw new Timeout(headRead);
      }
      if (n < 0) {
        pos = limit = 0;
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static final class Head {
    int status;
    long length = -1;
    boolean chunked;
    boolean keepAlive;
    String retryAfter;
    String contentType;
  }
}
