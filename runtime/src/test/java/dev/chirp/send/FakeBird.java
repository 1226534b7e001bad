package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fake of Bird's Channels API (see /work/shared/reference/bird-channels-api.md) for tests: a real
 * HTTP/1.1 server on 127.0.0.1 written on a plain {@link ServerSocket}, so that it can reset
 * connections, trickle bodies and stream huge ones.
 *
 * <p>Endpoints (everything else 404, a known path with another method 405):
 *
 * <ul>
 *   <li>{@code POST /workspaces/{ws}/channels/{ch}/messages}: checks, in this order, {@code
 *       Authorization: AccessKey <key>} (401), both ids are {@link #WORKSPACE}/{@link #CHANNEL}
 *       (404), {@code Content-Type: application/json} (415), body at most 200 KB = 204800 bytes
 *       (413), JSON that validates against {@code schema/bird-channels-message.schema.json} (422
 *       ValidationError, also for unparsable JSON); then 202 with a Message object.
 *   <li>{@code POST /workspaces/{ws}/channels/{ch}/batch/messages}: same checks; the body must be
 *       {@code {"messageRequests":[...]}} with 1..100 items (else 422). Like Bird (validation is
 *       asynchronous there), the batch is answered 202 even when items are invalid: {@code
 *       {"batchId":uuid,"messages":[{"id":uuid,"status":"accepted"|"rejected","reference"?,
 *       "failure"?:{"code":422,"description":..,"details":{field:[msgs]}}}]}}, one entry per
 *       request in order.
 *   <li>{@code GET /workspaces/{ws}/channels/{ch}/contacts/{x}[?contactIdentifierValue=v]}: 200
 *       {@code {"serviceWindowExpireAt":..|null,"isPermanentSession":false}} if x (percent-decoded)
 *       or v was registered with {@link #window}, else 404.
 * </ul>
 *
 * <p>Faults ({@link #enqueue}, {@link #faultRate}) apply only to POSTs on the two send paths,
 * before any check; enqueued faults come first. Bounds: request head 16 KiB (431), 100 headers,
 * request bodies over 1 MiB are answered 413 before being read (then the connection is closed after
 * discarding at most 8 MiB for at most 1 s), 5 s read timeout, 10 s to read a whole request, idle
 * keep-alive connections are closed after 30 s, or after 100 ms if other connections are waiting
 * for one of its 160 threads (more than chirp's largest default concurrency, so a batch does not
 * see its kept-alive connections closed under it).
 */
public final class FakeBird implements AutoCloseable {
  public static final String WORKSPACE = "2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10";
  public static final String CHANNEL = "8b5e1d2a-3c4f-4e6a-b7d8-9e0f1a2b3c4d";

  /** The connector echoed as the {@code sender} of accepted messages. */
  public static final String CONNECTOR = "c0ffee00-1234-4abc-8def-000000000001";

  static final int MAX_SEND_BODY = 200 * 1024;
  static final int MAX_REQUEST_BODY = 1024 * 1024;
  static final int MAX_HEAD = 16 * 1024;
  static final int MAX_HEADERS = 100;
  static final int MAX_BATCH = 100;
  static final int THREADS = 160; // more than chirp's largest default concurrency (128)
  static final int READ_TIMEOUT_MS = 5_000;
  static final long REQUEST_DEADLINE_MS = 10_000;
  static final long IDLE_MS = 30_000;

  /** Idle time after which a keep-alive connection is closed if other connections wait. */
  static final long IDLE_YIELD_MS = 100;

  static final long MAX_SLOW_BODY_MS = 60_000;

  private static final Pattern UUID_RE =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile Schema schema;

  private final String accessKey;
  private final ServerSocket server;
  private final ThreadPoolExecutor pool;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Slot> slots = new ArrayList<>();
  private final Deque<Fault> queue = new ArrayDeque<>();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** Every accepted single send, by message id, in order (what the read endpoints serve). */
  private final Map<String, ObjectNode> stored = Collections.synchronizedMap(new LinkedHashMap<>());

  /** How many times each message was read. */
  private final Map<String, Integer> reads = new ConcurrentHashMap<>();

  /** The delivery steps of messages by receiver; others go accepted, sent, delivered. */
  private final Map<String, List<Delivery>> scripts = new ConcurrentHashMap<>();

  private volatile int readsPerSecond;
  private final Deque<Long> readTimes = new ArrayDeque<>();
  private final AtomicInteger tooManyReads = new AtomicInteger();
  private double faultProbability;
  private Random faultRandom;
  private List<Fault> faultPool = List.of();
  private volatile boolean closed;

  /** A nullable value in a ConcurrentHashMap. */
  private record Window(String value) {}

  private FakeBird(String accessKey, int port) throws IOException {
    this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
    loadSchema();
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t =
                  new Thread(r, "fakebird-" + server.getLocalPort() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    acceptor = new Thread(this::acceptLoop, "fakebird-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a server on 127.0.0.1 and an ephemeral port that accepts {@code AccessKey accessKey}.
   */
  public static FakeBird start(String accessKey) {
    return start(accessKey, 0);
  }

  /** Starts a server on 127.0.0.1:{@code port} (0: any free port), e.g. to restart on the same. */
  public static FakeBird start(String accessKey, int port) {
    try {
      return new FakeBird(accessKey, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private volatile java.util.function.Consumer<Received> onProcessed = r -> {};

  /**
   * Calls {@code listener} for every request the server processes, before it answers: a log written
   * there survives the server being killed right after (the fault drill relies on it).
   */
  public void onProcessed(java.util.function.Consumer<Received> listener) {
    this.onProcessed = listener;
  }

  private void processed(Slot slot) {
    slot.processed = true;
    onProcessed.accept(slot.toReceived());
  }

  /**
   * One step of a message's life as {@code GET .../messages/{id}} shows it: Bird's status, and for
   * a failure its {@code failure} object (code, description, source name and code).
   */
  public record Delivery(
      String status,
      Integer failureCode,
      String description,
      String sourceName,
      String sourceCode) {
    public static Delivery of(String status) {
      return new Delivery(status, null, null, null, null);
    }

    /** A failure reported by WhatsApp with its own error code. */
    public static Delivery whatsappFailure(String status, String waCode, String description) {
      return new Delivery(status, 4000, description, "whatsapp", waCode);
    }
  }

  /**
   * The statuses reads of messages to {@code receiver} show, one step per read (the last step
   * stays); messages without a script show accepted, sent, then delivered.
   */
  public void delivery(String receiver, Delivery... steps) {
    scripts.put(receiver, List.of(steps));
  }

  /** Reads (GETs of messages) above this many a second are answered 429; 0: no limit. */
  public void readLimit(int perSecond) {
    this.readsPerSecond = perSecond;
  }

  /** How many reads were answered 429. */
  public int tooManyReads() {
    return tooManyReads.get();
  }

  /** The ids of the messages accepted so far, in order. */
  public List<String> messageIds() {
    synchronized (stored) {
      return List.copyOf(stored.keySet());
    }
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The next send requests (POST .../messages or .../batch/messages) get these, in order. */
  public void enqueue(Fault... faults) {
    synchronized (queue) {
      for (Fault f : faults) {
        queue.add(Objects.requireNonNull(f));
      }
    }
  }

  /**
   * Each later send request (after the enqueued faults are used up) independently gets, with this
   * probability, a fault drawn uniformly from {@code pool}; the sequence of decisions is fixed by
   * {@code seed} (two random numbers are drawn per request, whatever the outcome). A probability of
   * 0 or an empty pool turns this off.
   */
  public void faultRate(double probability, long seed, Fault... pool) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    synchronized (queue) {
      faultProbability = probability;
      faultRandom = new Random(seed);
      faultPool = List.of(pool);
    }
  }

  /** Every request, in arrival order (a snapshot). */
  public List<Received> received() {
    synchronized (slots) {
      return slots.stream().map(Slot::toReceived).toList();
    }
  }

  /** The requests the server processed: answered 202, or reset after processing. */
  public List<Received> accepted() {
    synchronized (slots) {
      return slots.stream().filter(s -> s.processed).map(Slot::toReceived).toList();
    }
  }

  /**
   * Registers a contact (id or identifier value such as {@code +31612345678}) for the
   * service-window GET; {@code serviceWindowExpireAtOrNull} is returned as is (null: no open
   * window).
   */
  public void window(String contactIdOrNumber, String serviceWindowExpireAtOrNull) {
    windows.put(contactIdOrNumber, new Window(serviceWindowExpireAtOrNull));
  }

  private final Map<String, List<String>> templatePages =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Registers the answers of {@code GET /workspaces/{ws}/projects/{projectId}/channel-templates}:
   * page 0 is answered without a pageToken, page N for {@code pageToken=pN}. Each page is the raw
   * JSON answer (Bird's docs do not give its shape; tests choose one).
   */
  public void channelTemplates(String projectId, String... pages) {
    templatePages.put(projectId, List.of(pages));
  }

  /** Stops accepting, closes every connection and stops the threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    pool.shutdownNow();
    try {
      acceptor.join(2_000);
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /** What the server does with one send request instead of (or around) its normal behaviour. */
  public sealed interface Fault {
    /** Answers {@code code} with a realistic RequestError / ValidationError JSON body. */
    static Fault status(int code) {
      return new Status(code, defaultBody(code));
    }

    /** Answers {@code code} with {@code jsonBody} (Content-Type application/json). */
    static Fault status(int code, String jsonBody) {
      return new Status(code, jsonBody);
    }

    /** 429 with {@code Retry-After: retryAfterSeconds}; the request is not processed. */
    static Fault tooManyRequests(int retryAfterSeconds) {
      return new TooManyRequests(retryAfterSeconds);
    }

    /** Reads the request, then resets the connection without answering; not processed. */
    static Fault reset() {
      return new Reset();
    }

    /** Reads and processes the request (it is in accepted()), then resets without answering. */
    static Fault resetAfterProcessing() {
      return new ResetAfterProcessing();
    }

    /**
     * Waits, then behaves normally. The request is processed (if valid) after the wait, even when
     * the client has given up by then; close() cancels the wait.
     */
    static Fault delay(Duration d) {
      return new Delay(d);
    }

    /** Processes the request, sends 202 headers with Content-Length, then the body byte by byte. */
    static Fault slowBody(Duration total) {
      return new SlowBody(total);
    }

    /** Processes the request and answers 202 with a JSON body of exactly {@code bytes} bytes. */
    static Fault hugeBody(int bytes) {
      return new HugeBody(bytes);
    }

    /** Answers as given; the request counts as processed iff the status is 2xx. */
    static Fault body(int status, String contentType, String rawBody) {
      return new Body(status, contentType, rawBody);
    }

    /**
     * Processes the request (it is in accepted()), then writes {@code bytes} (ISO-8859-1) as the
     * answer, verbatim: malformed framing, forged extra answers; {@code close}: then close.
     */
    static Fault raw(String bytes, boolean close) {
      return new Raw(bytes, close);
    }

    record Raw(String bytes, boolean close) implements Fault {
      public Raw {
        Objects.requireNonNull(bytes, "bytes");
      }
    }

    record Status(int code, String jsonBody) implements Fault {
      public Status {
        checkStatus(code);
        Objects.requireNonNull(jsonBody, "jsonBody");
      }
    }

    record TooManyRequests(int retryAfterSeconds) implements Fault {
      public TooManyRequests {
        if (retryAfterSeconds < 0) {
          throw new IllegalArgumentException("retryAfterSeconds < 0");
        }
      }
    }

    record Reset() implements Fault {}

    record ResetAfterProcessing() implements Fault {}

    record Delay(Duration duration) implements Fault {
      public Delay {
        if (duration.isNegative()) {
          throw new IllegalArgumentException("negative delay");
        }
      }
    }

    record SlowBody(Duration total) implements Fault {
      public SlowBody {
        if (total.isNegative()) {
          throw new IllegalArgumentException("negative duration");
        }
      }
    }

    record HugeBody(int bytes) implements Fault {
      public HugeBody {
        if (bytes < 0) {
          throw new IllegalArgumentException("bytes < 0");
        }
      }
    }

    record Body(int status, String contentType, String rawBody) implements Fault {
      public Body {
        checkStatus(status);
        Objects.requireNonNull(rawBody, "rawBody");
      }
    }

    private static void checkStatus(int code) {
      if (code < 200 || code > 599) {
        throw new IllegalArgumentException("status must be 200..599: " + code);
      }
    }

    private static String defaultBody(int code) {
      return switch (code) {
        case 400 -> requestError("InvalidPayload", "Request failed validation");
        case 401 -> requestError("Unauthorized", "Missing or invalid access key");
        case 403 -> requestError("Forbidden", "Access key is not allowed to perform this action");
        case 404 ->
            requestError("NotFound", "The requested resource does not exist: channel not found");
        case 409 ->
            requestError(
                "Conflict", "Conflicting conditions prevented the creation of the message");
        case 413 ->
            requestError(
                "PayloadTooLarge",
                "Request body exceeds 200 KB or an inline attachment exceeds 100 KB");
        case 422 ->
            validationError(
                "Request failed validation",
                Map.of("body.text.text", List.of("must not be longer than 4096")));
        case 429 -> requestError("TooManyRequests", "Rate limit exceeded, retry later");
        case 500 -> requestError("InternalServerError", "Internal server error");
        case 502 -> requestError("BadGateway", "Bad gateway");
        case 503 -> requestError("ServiceUnavailable", "Service temporarily unavailable");
        case 504 -> requestError("GatewayTimeout", "Gateway timeout");
        default -> requestError("Error" + code, reason(code));
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Received

  /**
   * One request as received. {@code query} is the raw query string or null; {@code headers} has
   * lower-case names (repeated headers joined with ", "); {@code status} is the status answered, or
   * -1 when the connection was reset or nothing (yet) answered.
   */
  public record Received(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body,
      int status) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return method
          + " "
          + path
          + (query == null ? "" : "?" + query)
          + " -> "
          + status
          + " ("
          + body.length
          + " bytes)";
    }
  }

  private static final class Slot {
    final String method;
    final String path;
    final String query;
    final Map<String, String> headers;
    final byte[] body;
    volatile int status = -1;
    volatile boolean processed;

    Slot(Request r, byte[] body) {
      this.method = r.method;
      this.path = r.path;
      this.query = r.query;
      this.headers = Collections.unmodifiableMap(r.headers);
      this.body = body;
    }

    Received toReceived() {
      return new Received(method, path, query, headers, body.clone(), status);
    }
  }

  private Slot log(Request r, byte[] body) {
    Slot s = new Slot(r, body);
    synchronized (slots) {
      slots.add(s);
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      sockets.add(s);
      if (closed) {
        closeQuietly(s);
        return;
      }
      try {
        pool.execute(() -> serve(s));
      } catch (RuntimeException e) {
        sockets.remove(s);
        closeQuietly(s);
      }
    }
  }

  private record Request(
      String method,
      String target,
      String path,
      String query,
      String version,
      Map<String, String> headers) {
    String header(String name) {
      return headers.get(name);
    }

    boolean wantsClose() {
      String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
      if (version.equals("HTTP/1.0")) {
        return !c.contains("keep-alive");
      }
      return c.contains("close");
    }
  }

  /** An error detected while reading a request: answer it and close. */
  private static final class BadRequest extends Exception {
    final int status;
    final String code;

    BadRequest(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private void serve(Socket s) {
    try {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16384);
      while (!closed && awaitRequest(s, in)) {
        s.setSoTimeout(READ_TIMEOUT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_DEADLINE_MS);
        Request r;
        try {
          r = parseHead(readHead(in, deadline));
        } catch (BadRequest e) {
          writeSimple(out, e.status, requestError(e.code, e.getMessage()), true);
          lingeringClose(s, in, out);
          return;
        }
        if (!handle(s, in, out, r, deadline)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, a read timed out, or we are closing: drop the connection
    } finally {
      sockets.remove(s);
      closeQuietly(s);
    }
  }

  /** Waits for the first byte of the next request; false to close the (idle) connection. */
  private boolean awaitRequest(Socket s, InputStream in) throws IOException {
    s.setSoTimeout(50);
    long idleSince = System.nanoTime();
    while (!closed) {
      try {
        in.mark(1);
        int b = in.read();
        if (b < 0) {
          return false;
        }
        in.reset();
        return true;
      } catch (SocketTimeoutException e) {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSince);
        if (idle >= IDLE_MS || (!pool.getQueue().isEmpty() && idle >= IDLE_YIELD_MS)) {
          return false;
        }
      }
    }
    return false;
  }

  private static byte[] readHead(InputStream in, long deadline) throws IOException, BadRequest {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int newlines = 0; // consecutive line ends, ignoring CR
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("eof in request head");
      }
      if (head.size() >= MAX_HEAD) {
        throw new BadRequest(431, "RequestHeaderFieldsTooLarge", "request head exceeds 16 KiB");
      }
      if ((head.size() & 63) == 0 && System.nanoTime() > deadline) {
        throw new IOException("request head too slow");
      }
      head.write(b);
      if (b == '\n') {
        if (++newlines == 2) {
          return head.toByteArray();
        }
      } else if (b != '\r') {
        newlines = 0;
      }
    }
  }

  private static Request parseHead(byte[] head) throws BadRequest {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n");
    int first = 0;
    while (first < lines.length && lines[first].isEmpty()) {
      first++; // tolerate leading blank lines (RFC 9112 §2.2)
    }
    if (first == lines.length) {
      throw new BadRequest(400, "BadRequest", "empty request");
    }
    String[] rl = lines[first].split(" ", -1);
    if (rl.length != 3
        || rl[0].isEmpty()
        || !rl[0].chars().allMatch(c -> c > 32 && c < 127)
        || !rl[2].startsWith("HTTP/1.")
        || rl[1].isEmpty()) {
      throw new BadRequest(400, "BadRequest", "malformed request line");
    }
    if (!rl[2].equals("HTTP/1.1") && !rl[2].equals("HTTP/1.0")) {
      throw new BadRequest(505, "HttpVersionNotSupported", "only HTTP/1.1 and HTTP/1.0");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int count = 0;
    for (int i = first + 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0
          || line.charAt(colon - 1) == ' '
          || line.charAt(0) == ' '
          || line.charAt(0) == '\t') {
        throw new BadRequest(400, "BadRequest", "malformed header line");
      }
      if (++count > MAX_HEADERS) {
        throw new BadRequest(431, "RequestHeaderFieldsTooLarge", "more than 100 headers");
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    String target = rl[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? null : target.substring(q + 1);
    if (!path.startsWith("/")) {
      throw new BadRequest(400, "BadRequest", "request target must be a path");
    }
    return new Request(rl[0], target, path, query, rl[2], headers);
  }

  /** Handles one request whose head was read; returns whether to keep the connection. */
  private boolean handle(Socket s, InputStream in, OutputStream out, Request r, long deadline)
      throws IOException {
    boolean keep = !r.wantsClose();
    // ---- body framing
    String te = r.header("transfer-encoding");
    String cl = r.header("content-length");
    byte[] body;
    if (te != null) {
      if (cl != null || !te.equalsIgnoreCase("chunked")) {
        log(r, new byte[0]).status = 400;
        writeSimple(out, 400, requestError("BadRequest", "unsupported framing: " + te), true);
        lingeringClose(s, in, out);
        return false;
      }
      continueIfExpected(r, out);
      try {
        body = readChunked(in, deadline);
      } catch (BadRequest e) {
        log(r, new byte[0]).status = e.status;
        writeSimple(out, e.status, requestError(e.code, e.getMessage()), true);
        lingeringClose(s, in, out);
        return false;
      }
    } else if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl.strip());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0) {
        log(r, new byte[0]).status = 400;
        writeSimple(out, 400, requestError("BadRequest", "bad Content-Length"), true);
        lingeringClose(s, in, out);
        return false;
      }
      if (length > MAX_REQUEST_BODY) {
        // Answer before reading (not even "100 Continue"), then close.
        log(r, new byte[0]).status = 413;
        writeSimple(out, 413, tooLarge(), true);
        lingeringClose(s, in, out);
        return false;
      }
      continueIfExpected(r, out);
      body = readFixed(in, (int) length, deadline);
    } else {
      body = new byte[0];
    }
    Slot slot = log(r, body);
    return route(s, out, r, slot, keep);
  }

  private static void continueIfExpected(Request r, OutputStream out) throws IOException {
    String expect = r.header("expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue") && r.version.equals("HTTP/1.1")) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  private static byte[] readFixed(InputStream in, int length, long deadline) throws IOException {
    byte[] body = new byte[length];
    int off = 0;
    while (off < length) {
      int n = in.read(body, off, Math.min(65536, length - off));
      if (n < 0) {
        throw new IOException("eof in request body");
      }
      off += n;
      if (System.nanoTime() > deadline) {
        throw new IOException("request body too slow");
      }
    }
    return body;
  }

  private static byte[] readChunked(InputStream in, long deadline) throws IOException, BadRequest {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semi = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "BadRequest", "bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_REQUEST_BODY) {
        throw new BadRequest(413, "PayloadTooLarge", "request body exceeds 1 MiB");
      }
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // skip trailers
        }
        return body.toByteArray();
      }
      body.write(readFixed(in, (int) size, deadline));
      if (!readLine(in).isEmpty()) {
        throw new BadRequest(400, "BadRequest", "missing CRLF after chunk");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException, BadRequest {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("eof in chunked body");
      }
      if (b == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      if (sb.length() > 4096) {
        throw new BadRequest(400, "BadRequest", "chunk line too long");
      }
      sb.append((char) b);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Routing and behaviour

  private boolean route(Socket s, OutputStream out, Request r, Slot slot, boolean keep)
      throws IOException {
    String[] seg = r.path.substring(1).split("/", -1);
    String kind = null;
    if (seg.length >= 5 && seg[0].equals("workspaces") && seg[2].equals("channels")) {
      if (seg.length == 5 && seg[4].equals("messages")) {
        kind = "send";
      } else if (seg.length == 6 && seg[4].equals("batch") && seg[5].equals("messages")) {
        kind = "batch";
      } else if (seg.length == 6 && seg[4].equals("contacts") && !seg[5].isEmpty()) {
        kind = "contact";
      } else if (seg.length == 6 && seg[4].equals("messages") && !seg[5].isEmpty()) {
        kind = "message";
      }
      if ("send".equals(kind) && r.method.equals("GET")) {
        kind = "list";
      }
    }
    if (seg.length == 5
        && seg[0].equals("workspaces")
        && seg[2].equals("projects")
        && seg[4].equals("channel-templates")) {
      kind = "templates";
    }
    if (kind == null) {
      return answer(
          out,
          slot,
          404,
          requestError("NotFound", "The requested resource does not exist: " + r.path),
          keep);
    }
    String allowed =
        kind.equals("contact")
                || kind.equals("templates")
                || kind.equals("message")
                || kind.equals("list")
            ? "GET"
            : "POST";
    if (!r.method.equals(allowed)) {
      slot.status = 405;
      writeResponse(
          out,
          405,
          Map.of("Allow", allowed),
          "application/json",
          requestError(
              "MethodNotAllowed", "Method " + r.method + " is not allowed; use " + allowed),
          !keep);
      return keep;
    }
    if (kind.equals("templates")) {
      return templates(out, r, slot, keep, seg);
    }
    if (kind.equals("message") || kind.equals("list")) {
      return read(out, r, slot, keep, seg, kind);
    }
    if (!kind.equals("contact")) {
      Fault f = nextFault();
      if (f != null) {
        return applyFault(s, out, r, slot, keep, f, kind);
      }
    }
    return normal(out, r, slot, keep, kind, seg);
  }

  /**
   * {@code GET .../messages/{id}}: the stored message with its scripted status; {@code GET
   * .../messages?direction=outgoing&startAt=..&endAt=..&limit=..&pageToken=..}: the stored messages
   * created in that window, oldest first, a page at a time.
   */
  private boolean read(
      OutputStream out, Request r, Slot slot, boolean keep, String[] seg, String kind)
      throws IOException {
    String auth = r.header("authorization");
    if (auth == null || !auth.equals("AccessKey " + accessKey)) {
      return answer(out, slot, 401, Fault.defaultBody(401), keep);
    }
    if (!seg[1].equalsIgnoreCase(WORKSPACE) || !seg[3].equalsIgnoreCase(CHANNEL)) {
      return answer(out, slot, 404, Fault.defaultBody(404), keep);
    }
    if (readsPerSecond > 0) {
      long now = System.nanoTime();
      boolean over;
      synchronized (readTimes) {
        while (!readTimes.isEmpty() && now - readTimes.peekFirst() > 1_000_000_000L) {
          readTimes.pollFirst();
        }
        over = readTimes.size() >= readsPerSecond;
        if (!over) {
          readTimes.addLast(now);
        }
      }
      if (over) {
        tooManyReads.incrementAndGet();
        slot.status = 429;
        writeResponse(
            out,
            429,
            Map.of("Retry-After", "1"),
            "application/json",
            Fault.defaultBody(429),
            !keep);
        return keep;
      }
    }
    if (kind.equals("message")) {
      ObjectNode m = stored.get(seg[5]);
      if (m == null) {
        return answer(
            out,
            slot,
            404,
            requestError("NotFound", "The requested resource does not exist: message not found"),
            keep);
      }
      return answer(
          out, slot, 200, withStatus(m, reads.merge(seg[5], 1, Integer::sum)).toString(), keep);
    }
    Map<String, String> q = new LinkedHashMap<>();
    if (r.query != null) {
      for (String pair : r.query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    Instant from = q.containsKey("startAt") ? Instant.parse(q.get("startAt")) : Instant.MIN;
    Instant to = q.containsKey("endAt") ? Instant.parse(q.get("endAt")) : Instant.MAX;
    int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "10")));
    int start = Integer.parseInt(q.getOrDefault("pageToken", "0"));
    List<ObjectNode> all = new ArrayList<>();
    synchronized (stored) {
      for (ObjectNode m : stored.values()) {
        Instant created = Instant.parse(m.get("createdAt").asText());
        if (!created.isBefore(from) && created.isBefore(to)) {
          all.add(m);
        }
      }
    }
    ObjectNode page = JSON.createObjectNode();
    ArrayNode results = page.putArray("results");
    for (int i = start; i < Math.min(all.size(), start + limit); i++) {
      results.add(all.get(i));
    }
    if (start + limit < all.size()) {
      page.put("nextPageToken", String.valueOf(start + limit));
    }
    return answer(out, slot, 200, page.toString(), keep);
  }

  /** {@code m} as its {@code n}th read shows it. */
  private ObjectNode withStatus(ObjectNode m, int n) {
    String to = m.path("receiver").path("contacts").path(0).path("identifierValue").asText("");
    List<Delivery> steps =
        scripts.getOrDefault(
            to, List.of(Delivery.of("accepted"), Delivery.of("sent"), Delivery.of("delivered")));
    Delivery d = steps.get(Math.min(n, steps.size()) - 1);
    ObjectNode c = m.deepCopy();
    c.put("status", d.status());
    c.put("lastStatusAt", Instant.parse(m.get("createdAt").asText()).plusSeconds(n).toString());
    if (d.failureCode() != null) {
      ObjectNode f = c.putObject("failure");
      f.put("code", d.failureCode());
      f.put("description", d.description());
      ObjectNode src = f.putObject("source");
      src.put("name", d.sourceName());
      src.put("code", d.sourceCode());
    }
    return c;
  }

  private Fault nextFault() {
    synchronized (queue) {
      Fault f = queue.poll();
      if (f != null) {
        return f;
      }
      if (faultRandom == null) {
        return null;
      }
      double roll = faultRandom.nextDouble();
      int pick = faultRandom.nextInt(Math.max(1, faultPool.size()));
      return roll < faultProbability && !faultPool.isEmpty() ? faultPool.get(pick) : null;
    }
  }

  private boolean applyFault(
      Socket s, OutputStream out, Request r, Slot slot, boolean keep, Fault f, String kind)
      throws IOException {
    if (f instanceof Fault.Status st) {
      return answer(out, slot, st.code(), st.jsonBody(), keep);
    } else if (f instanceof Fault.TooManyRequests t) {
      slot.status = 429;
      writeResponse(
          out,
          429,
          Map.of("Retry-After", String.valueOf(t.retryAfterSeconds())),
          "application/json",
          Fault.defaultBody(429),
          !keep);
      return keep;
    } else if (f instanceof Fault.Reset) {
      reset(s);
      return false;
    } else if (f instanceof Fault.ResetAfterProcessing) {
      if (kind.equals("send")) {
        acceptedBody(r, slot, kind); // Bird has the message: the read endpoints find it
      }
      processed(slot);
      reset(s);
      return false;
    } else if (f instanceof Fault.Delay d) {
      try {
        Thread.sleep(d.duration().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (closed) {
        return false;
      }
      return normal(out, r, slot, keep, kind, r.path.substring(1).split("/", -1));
    } else if (f instanceof Fault.SlowBody sb) {
      byte[] body = acceptedBody(r, slot, kind).getBytes(StandardCharsets.UTF_8);
      processed(slot);
      slot.status = 202;
      writeHead(out, 202, Map.of(), "application/json", body.length, !keep);
      out.flush();
      long totalNanos =
          Math.min(sb.total().toNanos(), TimeUnit.MILLISECONDS.toNanos(MAX_SLOW_BODY_MS));
      long start = System.nanoTime();
      for (int i = 0; i < body.length; i++) {
        long due = start + totalNanos * (i + 1) / body.length;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        if (closed) {
          return false;
        }
        out.write(body[i]);
        out.flush();
      }
      return keep;
    } else if (f instanceof Fault.HugeBody h) {
      processed(slot);
      slot.status = 202;
      writeHead(out, 202, Map.of(), "application/json", h.bytes(), !keep);
      streamHuge(out, acceptedBody(r, slot, kind), h.bytes());
      out.flush();
      return keep;
    } else if (f instanceof Fault.Raw raw) {
      processed(slot);
      slot.status = 202;
      out.write(raw.bytes().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return keep && !raw.close();
    } else if (f instanceof Fault.Body b) {
      if (b.status() / 100 == 2) {
        processed(slot);
      }
      slot.status = b.status();
      writeResponse(out, b.status(), Map.of(), b.contentType(), b.rawBody(), !keep);
      return keep;
    }
    throw new AssertionError(f);
  }

  /** A 202 body for a huge response: the message JSON padded to exactly {@code bytes} bytes. */
  private void streamHuge(OutputStream out, String message, int bytes) throws IOException {
    String open = message.substring(0, message.length() - 1) + ",\"padding\":\"";
    String close = "\"}";
    byte[] head = open.getBytes(StandardCharsets.UTF_8);
    if (head.length + close.length() > bytes) {
      // too small to be JSON: send filler only
      head = new byte[0];
      close = "";
    }
    out.write(head);
    long fill = (long) bytes - head.length - close.length();
    byte[] chunk = new byte[65536];
    Arrays.fill(chunk, (byte) 'x');
    while (fill > 0) {
      if (closed) {
        throw new IOException("closing");
      }
      int n = (int) Math.min(chunk.length, fill);
      out.write(chunk, 0, n);
      fill -= n;
    }
    out.write(close.getBytes(StandardCharsets.US_ASCII));
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0); // close() sends RST
    s.close();
  }

  private boolean normal(
      OutputStream out, Request r, Slot slot, boolean keep, String kind, String[] seg)
      throws IOException {
    String auth = r.header("authorization");
    if (auth == null || !auth.equals("AccessKey " + accessKey)) {
      return answer(
          out,
          slot,
          401,
          requestError(
              "Unauthorized", auth == null ? "Missing Authorization header" : "Invalid access key"),
          keep);
    }
    String ws = seg[1];
    String ch = seg[3];
    if (!UUID_RE.matcher(ws).matches()
        || !UUID_RE.matcher(ch).matches()
        || !ws.equalsIgnoreCase(WORKSPACE)
        || !ch.equalsIgnoreCase(CHANNEL)) {
      return answer(out, slot, 404, Fault.defaultBody(404), keep);
    }
    if (kind.equals("contact")) {
      return contact(out, r, slot, keep, seg[5]);
    }
    String ct = r.header("content-type");
    String mediaType = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      return answer(
          out,
          slot,
          415,
          requestError(
              "UnsupportedMediaType",
              "Content-Type must be application/json, got " + (ct == null ? "none" : ct)),
          keep);
    }
    if (slot.body.length > MAX_SEND_BODY) {
      return answer(out, slot, 413, tooLarge(), keep);
    }
    JsonNode json;
    try {
      json = JSON.readTree(slot.body);
      if (json == null || json.isMissingNode()) {
        throw new IOException("empty body");
      }
    } catch (IOException e) {
      return answer(
          out,
          slot,
          422,
          validationError(
              "Request body is not valid JSON",
              Map.of("request", List.of(firstLine(e.getMessage())))),
          keep);
    }
    if (kind.equals("send")) {
      Map<String, List<String>> details = validate(json);
      if (!details.isEmpty()) {
        return answer(out, slot, 422, validationError("Request failed validation", details), keep);
      }
      String body = store(message(json, UUID.randomUUID().toString(), Instant.now()));
      processed(slot);
      return answer(out, slot, 202, body, keep);
    }
    // batch
    JsonNode items = json.get("messageRequests");
    Map<String, List<String>> wrapper = new LinkedHashMap<>();
    if (!json.isObject()) {
      wrapper.put("request", List.of("must be an object"));
    } else if (items == null || !items.isArray()) {
      wrapper.put("messageRequests", List.of("is required and must be an array"));
    } else if (items.isEmpty() || items.size() > MAX_BATCH) {
      wrapper.put("messageRequests", List.of("must contain 1 to " + MAX_BATCH + " items"));
    } else {
      json.fieldNames()
          .forEachRemaining(
              n -> {
                if (!n.equals("messageRequests")) {
                  wrapper.put(n, List.of("is not a known property"));
                }
              });
    }
    if (!wrapper.isEmpty()) {
      return answer(out, slot, 422, validationError("Request failed validation", wrapper), keep);
    }
    processed(slot);
    return answer(out, slot, 202, batchBody(items), keep);
  }

  private String batchBody(JsonNode items) {
    ObjectNode root = JSON.createObjectNode();
    root.put("batchId", UUID.randomUUID().toString());
    ArrayNode messages = root.putArray("messages");
    for (JsonNode item : items) {
      ObjectNode m = messages.addObject();
      m.put("id", UUID.randomUUID().toString());
      Map<String, List<String>> details = validate(item);
      m.put("status", details.isEmpty() ? "accepted" : "rejected");
      if (item.path("reference").isTextual()) {
        m.put("reference", item.get("reference").asText());
      }
      if (!details.isEmpty()) {
        ObjectNode failure = m.putObject("failure");
        failure.put("code", 422);
        failure.put("description", "Request failed validation");
        failure.set("details", JSON.valueToTree(details));
      }
    }
    return root.toString();
  }

  private boolean templates(OutputStream out, Request r, Slot slot, boolean keep, String[] seg)
      throws IOException {
    String auth = r.header("authorization");
    if (auth == null || !auth.equals("AccessKey " + accessKey)) {
      return answer(out, slot, 401, requestError("Unauthorized", "Invalid access key"), keep);
    }
    List<String> pages = templatePages.get(seg[3]);
    if (!seg[1].equalsIgnoreCase(WORKSPACE) || pages == null) {
      return answer(
          out,
          slot,
          404,
          requestError("NotFound", "The requested resource does not exist: project not found"),
          keep);
    }
    int page = 0;
    if (r.query != null) {
      for (String pair : r.query.split("&")) {
        if (pair.startsWith("pageToken=p")) {
          page = Integer.parseInt(pair.substring("pageToken=p".length()));
        }
      }
    }
    if (page >= pages.size()) {
      return answer(out, slot, 400, requestError("InvalidPageToken", "no such page"), keep);
    }
    return answer(out, slot, 200, pages.get(page), keep);
  }

  private boolean contact(OutputStream out, Request r, Slot slot, boolean keep, String segment)
      throws IOException {
    Window w = windows.get(percentDecode(segment));
    if (w == null && r.query != null) {
      for (String pair : r.query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (name.equals("contactIdentifierValue") && eq >= 0) {
          w = windows.get(percentDecode(pair.substring(eq + 1)));
          if (w != null) {
            break;
          }
        }
      }
    }
    if (w == null) {
      return answer(
          out,
          slot,
          404,
          requestError("NotFound", "The requested resource does not exist: contact not found"),
          keep);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("serviceWindowExpireAt", w.value());
    body.put("isPermanentSession", false);
    return answer(out, slot, 200, body.toString(), keep);
  }

  /** Decodes %XX escapes as UTF-8; '+' stays '+' (E.164 numbers are often sent unescaped). */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        b.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        b.write(bytes, 0, bytes.length);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  /** The 202 Message body for an accepted send request (or a placeholder for batch). */
  private String acceptedBody(Request r, Slot slot, String kind) {
    JsonNode json = null;
    try {
      json = JSON.readTree(slot.body);
    } catch (IOException | RuntimeException ignored) {
      // keep null
    }
    if (kind.equals("batch") && json != null && json.path("messageRequests").isArray()) {
      return batchBody(json.get("messageRequests"));
    }
    return store(message(json, UUID.randomUUID().toString(), Instant.now()));
  }

  /** Keeps an accepted message for the read endpoints; returns it as it is. */
  private String store(String body) {
    try {
      ObjectNode m = (ObjectNode) JSON.readTree(body);
      stored.put(m.get("id").asText(), m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body;
  }

  private static String message(JsonNode request, String id, Instant now) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("channelId", CHANNEL);
    ObjectNode connector = m.putObject("sender").putObject("connector");
    connector.put("id", CONNECTOR);
    connector.put("identifierValue", "+15550000000");
    connector.putObject("annotations").put("name", "FakeBird WhatsApp");
    if (request != null && request.isObject()) {
      if (request.has("receiver")) {
        m.set("receiver", request.get("receiver"));
      }
      if (request.has("template")) {
        m.set("template", request.get("template"));
      } else if (request.has("body")) {
        m.set("body", request.get("body"));
      }
      if (request.path("reference").isTextual()) {
        m.set("reference", request.get("reference"));
      }
    }
    m.put("status", "accepted");
    m.put("direction", "outgoing");
    String t = now.toString();
    m.put("lastStatusAt", t);
    m.put("createdAt", t);
    m.put("updatedAt", t);
    return m.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Schema

  static Path schemaFile() {
    Path p = Path.of("..", "schema", "bird-channels-message.schema.json");
    if (!Files.exists(p)) {
      p = Path.of("schema", "bird-channels-message.schema.json"); // run from the repository root
    }
    return p;
  }

  private static Schema loadSchema() throws IOException {
    Schema s = schema;
    if (s == null) {
      synchronized (FakeBird.class) {
        s = schema;
        if (s == null) {
          s =
              SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                  .getSchema(Files.readString(schemaFile()), InputFormat.JSON);
          schema = s;
        }
      }
    }
    return s;
  }

  /**
   * Validates one message request; the keys are instance locations as dotted paths ({@code
   * body.text.text}, {@code receiver.contacts.0.identifierValue}), extended by the property for
   * "required" and "additionalProperties" errors; errors at the root without a property use {@code
   * request}.
   */
  static Map<String, List<String>> validate(JsonNode json) {
    List<Error> errors;
    try {
      errors = loadSchema().validate(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Set<String>> byField = new LinkedHashMap<>();
    for (Error e : errors) {
      byField.computeIfAbsent(field(e), k -> new LinkedHashSet<>()).add(e.getMessage());
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    byField.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private static String field(Error e) {
    NodePath p = e.getInstanceLocation();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) {
      parts.add(String.valueOf(p.getElement(i)));
    }
    String kw = e.getKeyword();
    if (e.getProperty() != null
        && ("required".equals(kw)
            || "additionalProperties".equals(kw)
            || "dependentRequired".equals(kw)
            || "unevaluatedProperties".equals(kw))) {
      parts.add(e.getProperty());
    }
    return parts.isEmpty() ? "request" : String.join(".", parts);
  }

  // ---------------------------------------------------------------------------------------------
  // Responses

  static String requestError(String code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return n.toString();
  }

  static String validationError(String message, Map<String, List<String>> details) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", "InvalidPayload");
    n.put("message", message);
    n.set("details", JSON.valueToTree(details));
    return n.toString();
  }

  private static String tooLarge() {
    return Fault.defaultBody(413);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static boolean answer(OutputStream out, Slot slot, int status, String json, boolean keep)
      throws IOException {
    slot.status = status;
    writeResponse(out, status, Map.of(), "application/json", json, !keep);
    return keep;
  }

  private static void writeSimple(OutputStream out, int status, String json, boolean close)
      throws IOException {
    writeResponse(out, status, Map.of(), "application/json", json, close);
  }

  private static void writeResponse(
      OutputStream out,
      int status,
      Map<String, String> extra,
      String contentType,
      String body,
      boolean close)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    writeHead(out, status, extra, contentType, bytes.length, close);
    out.write(bytes);
    out.flush();
  }

  private static void writeHead(
      OutputStream out,
      int status,
      Map<String, String> extra,
      String contentType,
      long length,
      boolean close)
      throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\n");
    }
    h.append("Content-Length: ").append(length).append("\r\n");
    extra.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    if (close) {
      h.append("Connection: close\r\n");
    }
    h.append("\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** After an error that ends the connection: half-close, discard a bounded amount, close. */
  private static void lingeringClose(Socket s, InputStream in, OutputStream out) {
    try {
      out.flush();
      s.shutdownOutput();
      s.setSoTimeout(100);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      byte[] sink = new byte[65536];
      long left = 8L * 1024 * 1024;
      while (left > 0 && System.nanoTime() < end) {
        try {
          int n = in.read(sink);
          if (n < 0) {
            break;
          }
          left -= n;
        } catch (SocketTimeoutException e) {
          // keep waiting until the end
        }
      }
    } catch (IOException ignored) {
      // closing anyway
    } finally {
      closeQuietly(s);
    }
  }

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
