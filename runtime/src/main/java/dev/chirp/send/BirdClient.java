package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.text.HiddenCharacters;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Talks to Bird's Channels API: sends request bodies with retries decided by the {@link
 * RetryPolicy}, under a {@link RateLimiter}, with bounded time and memory per answer. Thread-safe.
 */
public final class BirdClient {
  /** Largest answer body read; a larger one is an error, not an out-of-memory. */
  public static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final AccessKey key;
  private final Transport http;
  private final URI messagesUrl;
  private final RetryPolicy policy;
  private final RateLimiter limiter;
  private final RateLimiter readLimiter;
  private final String userAgent;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private BirdClient(Builder b) {
    this.connection = b.connection;
    this.key = b.key;
    this.policy = b.policy;
    this.limiter = b.limiter;
    this.readLimiter = b.readLimiter;
    this.userAgent = userAgent(b.version);
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.messagesUrl = connection.messagesUrl();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", key.header());
    headers.put("Accept", "application/json");
    headers.put("User-Agent", userAgent);
    this.http =
        b.transport
            .headers(headers)
            .connectTimeout(
                Duration.ofSeconds(10).compareTo(b.timeout) < 0
                    ? Duration.ofSeconds(10)
                    : b.timeout)
            .timeout(b.timeout)
            .build();
  }

  /** A client for {@code connection} that sends with {@code key}; the rest has defaults. */
  public static Builder builder(Connection connection, AccessKey key) {
    return new Builder(connection, key);
  }

  /** How a client is set up: retry policy, rate, timeouts, proxies and, for tests, waiting. */
  public static final class Builder {
    private final Connection connection;
    private final AccessKey key;
    private RetryPolicy policy = RetryPolicy.DEFAULT;
    private RateLimiter limiter = RateLimiter.unlimited();
    private RateLimiter readLimiter = RateLimiter.unlimited();
    private Duration timeout = Duration.ofSeconds(30);
    private String version = "dev";
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private RandomGenerator random = RandomGenerator.getDefault();
    private final Transport.Builder transport = Transport.builder();

    private Builder(Connection connection, AccessKey key) {
      this.connection = connection;
      this.key = key;
    }

    public Builder policy(RetryPolicy p) {
      this.policy = p;
      return this;
    }

    public Builder limiter(RateLimiter l) {
      this.limiter = l;
      return this;
    }

    /** The pace of reads (GETs): Bird allows 50 a second per workspace. */
    public Builder readLimiter(RateLimiter l) {
      this.readLimiter = l;
      return this;
    }

    /** How long writing a request and reading its whole answer may take (connecting: ≤ 10 s). */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /** chirp's version, for the User-Agent. */
    public Builder version(String v) {
      this.version = v;
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    public Builder random(RandomGenerator r) {
      this.random = r;
      return this;
    }

    public Builder proxies(Proxies p) {
      transport.proxies(p);
      return this;
    }

    /** Requests in flight at once, so that as many connections stay open between them. */
    public Builder concurrency(int n) {
      transport.maxIdleConnections(n);
      return this;
    }

    /** Trust other than the JDK's: a test's own certificate authority. */
    public Builder tls(javax.net.ssl.SSLSocketFactory f, javax.net.ssl.X509TrustManager t) {
      transport.tls(f, t);
      return this;
    }

    public BirdClient build() {
      return new BirdClient(this);
    }
  }

  public Connection connection() {
    return connection;
  }

  /** The headers every request carries, with the key shown as {@code AccessKey ****}. */
  public Map<String, String> redactedHeaders() {
    return redactedHeaders(userAgent);
  }

  /** The User-Agent chirp sends: its name and version. */
  public static String userAgent(String version) {
    return "chirp/" + version + " (+https://github.com/chirp-dev/chirp)";
  }

  /** The request headers for {@code userAgent}, key redacted (what a dry-run prints). */
  public static Map<String, String> redactedHeaders(String userAgent) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", AccessKey.redacted());
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json");
    h.put("User-Agent", userAgent);
    return h;
  }

  /** {@code s} with the access key replaced by {@code ****} (null stays null). */
  public String scrub(String s) {
    return s == null ? null : key.scrub(s);
  }

  /** Sends one request body to the messages endpoint. */
  public Outcome send(byte[] body) throws InterruptedException {
    return send(body, null);
  }

  /**
   * Sends one request body whose {@code reference} field is {@code reference} (null: none). An
   * accepted answer that names another reference answers some other request (a server or proxy that
   * mixed up answers on a kept-alive connection): its id is not this message's, so the outcome is
   * unknown, never accepted.
   */
  public Outcome send(byte[] body, String reference) throws InterruptedException {
    Outcome o = post(messagesUrl, body);
    if (reference != null
        && o instanceof Outcome.Accepted a
        && a.answer() != null
        && a.answer().hasNonNull("reference")
        && !a.answer().get("reference").asText().equals(reference)) {
      return new Outcome.Unknown(
          "Bird's answer is for another message (reference "
              + printable(cut(key.scrub(a.answer().get("reference").asText())))
              + "); this one may or may not have been accepted",
          a.attempts());
    }
    return o;
  }

  /**
   * Posts {@code body} to {@code url} with the retry policy. Every text of the outcome comes from
   * the answer or a fault and is printed, so the key is scrubbed from it, in case a server or proxy
   * echoes the Authorization header.
   */
  public Outcome post(URI url, byte[] body) throws InterruptedException {
    return post(url, body, false);
  }

  /**
   * Waits for a turn under the rate limit; the next {@link #post(URI, byte[], boolean)} with {@code
   * turnTaken} uses it. A caller that writes an intent before posting waits first, so that a crash
   * while waiting leaves no row "maybe sent".
   */
  public void awaitTurn() throws InterruptedException {
    limiter.acquire();
  }

  /** As {@link #post(URI, byte[])}; {@code turnTaken}: the first attempt's turn was awaited. */
  public Outcome post(URI url, byte[] body, boolean turnTaken) throws InterruptedException {
    Outcome o = postUnscrubbed(url, body, turnTaken);
    if (o instanceof Outcome.Accepted a) {
      return new Outcome.Accepted(
          key.scrub(a.messageId()), key.scrub(a.status()), a.attempts(), a.answer());
    }
    if (o instanceof Outcome.Rejected r) {
      Map<String, List<String>> details = new LinkedHashMap<>();
      r.details()
          .forEach((f, msgs) -> details.put(key.scrub(f), msgs.stream().map(key::scrub).toList()));
      return new Outcome.Rejected(
          r.httpStatus(), key.scrub(r.code()), key.scrub(r.message()), details, r.attempts());
    }
    if (o instanceof Outcome.Failed f) {
      return new Outcome.Failed(key.scrub(f.reason()), f.attempts());
    }
    Outcome.Unknown u = (Outcome.Unknown) o;
    return new Outcome.Unknown(key.scrub(u.reason()), u.attempts());
  }

  private Outcome postUnscrubbed(URI url, byte[] body, boolean turnTaken)
      throws InterruptedException {
    Instant start = Instant.now();
    int attempt = 0;
    String lastReason;
    while (true) {
      attempt++;
      if (attempt > 1 || !turnTaken) {
        limiter.acquire();
      }
      Duration retryAfter = null;
      try {
        Answer a = http.exchange("POST", url, body);
        Outcome o = outcomeOf(policy, a, attempt);
        if (!(o instanceof Outcome.Failed retryable)) {
          return o;
        }
        lastReason = retryable.reason();
        retryAfter = retryAfter(a.retryAfter());
      } catch (NotSent | MaybeSent e) {
        if (policy.forFault(e instanceof MaybeSent) == RetryPolicy.Verdict.UNKNOWN) {
          return new Outcome.Unknown(e.getMessage(), attempt);
        }
        lastReason = e.getMessage();
      }
      Duration wait = policy.delay(attempt + 1, retryAfter, random);
      if (!policy.allows(attempt + 1, Duration.between(start, Instant.now()), wait)) {
        return new Outcome.Failed(
            lastReason + "; gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"),
            attempt);
      }
      sleeper.sleep(wait);
    }
  }

  /** The contact's service window: when it closes, or null when none is open. */
  public record Window(Instant expiresAt, Boolean permanent) {}

  /** Looks up the service window of a contact id or phone number. */
  public Window window(String contact) throws IOException, InterruptedException {
    try {
      return windowUnscrubbed(contact);
    } catch (IOException e) {
      throw new IOException(key.scrub(e.getMessage()), null);
    }
  }

  private Window windowUnscrubbed(String contact) throws IOException, InterruptedException {
    Answer a = read(connection.contactUrl(contact));
    if (a.status() == 404) {
      throw new IOException("Bird knows no contact " + contact + " on this channel (404)");
    }
    if (a.status() != 200) {
      throw new IOException("Bird answered " + describe(a));
    }
    JsonNode n = parse(a.body());
    if (n == null || !n.has("serviceWindowExpireAt")) {
      throw new IOException("Bird's answer has no serviceWindowExpireAt");
    }
    JsonNode at = n.get("serviceWindowExpireAt");
    Instant expires = null;
    if (!at.isNull()) {
      try {
        expires = Instant.parse(at.asText());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IOException(
            "Bird's serviceWindowExpireAt \"" + at.asText() + "\" is not a date-time");
      }
    }
    JsonNode perm = n.get("isPermanentSession");
    return new Window(expires, perm == null || perm.isNull() ? null : perm.asBoolean());
  }

  /**
   * GETs a JSON document (read-only, so safe to retry on 429/5xx and connection faults). Returns
   * the parsed object; a non-200 answer is an IOException naming Bird's message.
   */
  public JsonNode getJson(URI url) throws IOException, InterruptedException {
    try {
      return getJsonUnscrubbed(url);
    } catch (IOException e) {
      throw new IOException(key.scrub(e.getMessage()), null); // the answer may echo the key
    }
  }

  private JsonNode getJsonUnscrubbed(URI url) throws IOException, InterruptedException {
    Answer a = read(url);
    if (a.status() != 200) {
      throw new IOException("Bird answered " + describe(a));
    }
    JsonNode n = parse(a.body());
    if (n == null) {
      throw new IOException("Bird's answer is not a JSON object");
    }
    return n;
  }

  /**
   * GETs {@code url} under the rate limit, retrying as the policy says for reads (a GET changes
   * nothing, so any fault may be retried); the first answer the policy calls final is returned.
   */
  private Answer read(URI url) throws IOException, InterruptedException {
    int attempt = 0;
    Instant start = Instant.now();
    while (true) {
      attempt++;
      readLimiter.acquire();
      Duration retryAfter = null;
      String reason;
      try {
        Answer a = http.exchange("GET", url, null);
        if (policy.forRead(a.status()) == RetryPolicy.Verdict.DONE) {
          return a;
        }
        reason = describe(a);
        retryAfter = retryAfter(a.retryAfter());
      } catch (NotSent | MaybeSent e) {
        if (policy.forReadFault() != RetryPolicy.Verdict.RETRY) {
          throw new IOException(e.getMessage());
        }
        reason = e.getMessage();
      }
      Duration wait = policy.delay(attempt + 1, retryAfter, random);
      if (!policy.allows(attempt + 1, Duration.between(start, Instant.now()), wait)) {
        throw new IOException(
            reason + "; gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
      }
      sleeper.sleep(wait);
    }
  }

  /**
   * The message {@code messageId} as Bird reports it now; empty when Bird knows no such message
   * (404) or its answer has no usable id and status. Retried as reads are; other refusals are an
   * IOException naming Bird's answer.
   */
  public java.util.Optional<MessageStatus> message(String messageId)
      throws IOException, InterruptedException {
    try {
      Answer a = read(connection.messageUrl(messageId));
      if (a.status() == 404) {
        return java.util.Optional.empty();
      }
      if (a.status() != 200) {
        throw new IOException("Bird answered " + describe(a));
      }
      return MessageStatus.of(parse(a.body()));
    } catch (IOException e) {
      throw new IOException(key.scrub(e.getMessage()), null);
    }
  }

  /** One page of the channel's outgoing messages created in [{@code from}, {@code to}). */
  public JsonNode messagesPage(Instant from, Instant to, String pageToken)
      throws IOException, InterruptedException {
    return getJson(connection.messagesUrl(from, to, pageToken));
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

  /**
   * What one answer means, with no I/O: {@link Outcome.Accepted} for 200/201/202, {@link
   * Outcome.Rejected} for a final status, else {@link Outcome.Failed} with the reason to retry for.
   * Any status and any bytes give an outcome, never null and never an exception (fuzzed by
   * AnswerFuzzTest).
   */
  static Outcome outcomeOf(RetryPolicy policy, Answer a, int attempt) {
    return switch (policy.forStatus(a.status())) {
      case DONE ->
          a.status() >= 200 && a.status() <= 299 ? accepted(a, attempt) : rejected(a, attempt);
      case RETRY -> new Outcome.Failed(describe(a), attempt);
      case UNKNOWN ->
          new Outcome.Unknown(
              "Bird answered " + describe(a) + ", which is neither an acceptance nor a refusal",
              attempt);
    };
  }

  /**
   * A text from the answer made safe to print: control characters (escape sequences, line breaks
   * that could forge output lines) become one space, and bidirectional overrides and invisible
   * characters U+FFFD, so what a server sends cannot rewrite the terminal or the log.
   */
  public static String printable(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.CONTROL) {
        if (!space) {
          b.append(' ');
        }
        space = true;
        continue;
      }
      space = false;
      if (HiddenCharacters.isHidden(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
        b.append('\uFFFD');
      } else {
        b.appendCodePoint(cp);
      }
    }
    return b.toString().strip();
  }

  private static String text(JsonNode n, String field) {
    return n != null && n.hasNonNull(field) ? printable(n.get(field).asText()) : null;
  }

  private static Outcome accepted(Answer a, int attempts) {
    JsonNode n = parse(a.body());
    String id = text(n, "id");
    String status = text(n, "status");
    return new Outcome.Accepted(id, status, attempts, n);
  }

  private static Outcome rejected(Answer a, int attempts) {
    JsonNode n = parse(a.body());
    String code = text(n, "code");
    String message = text(n, "message");
    if (message == null) {
      message = snippet(a.body());
    }
    Map<String, List<String>> details = new LinkedHashMap<>();
    if (n != null && n.get("details") instanceof com.fasterxml.jackson.databind.node.ObjectNode d) {
      d.fields()
          .forEachRemaining(
              e -> {
                List<String> msgs = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(m -> msgs.add(printable(m.asText())));
                } else {
                  msgs.add(printable(e.getValue().asText()));
                }
                details.put(printable(e.getKey()), msgs);
              });
    }
    return new Outcome.Rejected(a.status(), code, message, details, attempts);
  }

  private static String describe(Answer a) {
    JsonNode n = parse(a.body());
    String msg = n != null && n.hasNonNull("message") ? text(n, "message") : snippet(a.body());
    return "HTTP " + a.status() + (msg.isEmpty() ? "" : " (" + msg + ")");
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** A short, printable piece of a non-JSON answer. */
  private static String snippet(byte[] body) {
    if (body == null) {
      return "";
    }
    String s = printable(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
    return body.length > 200 ? s + "..." : s;
  }

  /** Retry-After as delay seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      long s = Long.parseLong(value.trim());
      return Duration.ofSeconds(Math.max(0, Math.min(s, 3600)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(Instant.now(), t.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
  }
}
