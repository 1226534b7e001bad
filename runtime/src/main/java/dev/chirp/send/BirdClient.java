package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chirp.send.Transport.Answer;
import dev.chirp.text.HiddenCharacters;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Talks to Bird's Channels API: sends request bodies with retries decided by the {@link
 * RetryPolicy}, under a {@link RateLimiter}, with bounded time and memory per answer. Thread-safe.
 */
public final class BirdClient {
  /** Largest answer body read; a larger one is an error, not an out-of-memory. */
  public static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final Connection connection;
  private final AccessKey key;
  private final URI messagesUrl;
  private final String userAgent;
  private final Attempts attempts;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private BirdClient(Builder b) {
    this.connection = b.connection;
    this.key = b.key;
    this.userAgent = userAgent(b.version);
    this.messagesUrl = connection.messagesUrl();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", key.header());
    headers.put("Accept", "application/json");
    headers.put("User-Agent", userAgent);
    Transport http =
        b.transport
            .headers(headers)
            .connectTimeout(
                Duration.ofSeconds(10).compareTo(b.timeout) < 0
                    ? Duration.ofSeconds(10)
                    : b.timeout)
            .timeout(b.timeout)
            .build();
    this.attempts = new Attempts(http, b.policy, b.limiter, b.readLimiter, b.sleeper, b.random);
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
    public Builder tls(SSLSocketFactory f, X509TrustManager t) {
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
              + printable(Answers.cut(key.scrub(a.answer().get("reference").asText())))
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
    attempts.awaitTurn();
  }

  /** As {@link #post(URI, byte[])}; {@code turnTaken}: the first attempt's turn was awaited. */
  public Outcome post(URI url, byte[] body, boolean turnTaken) throws InterruptedException {
    Outcome o = attempts.post(url, body, turnTaken);
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
    Answer a = attempts.read(connection.contactUrl(contact));
    if (a.status() == 404) {
      throw new IOException("Bird knows no contact " + contact + " on this channel (404)");
    }
    if (a.status() != 200) {
      throw new IOException("Bird answered " + Answers.describe(a));
    }
    JsonNode n = Answers.parse(a.body());
    if (n == null || !n.has("serviceWindowExpireAt")) {
      throw new IOException("Bird's answer has no serviceWindowExpireAt");
    }
    JsonNode at = n.get("serviceWindowExpireAt");
    Instant expires = null;
    if (!at.isNull()) {
      try {
        expires = Instant.parse(at.asText());
      } catch (DateTimeParseException e) {
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
    Answer a = attempts.read(url);
    if (a.status() != 200) {
      throw new IOException("Bird answered " + Answers.describe(a));
    }
    JsonNode n = Answers.parse(a.body());
    if (n == null) {
      throw new IOException("Bird's answer is not a JSON object");
    }
    return n;
  }

  /**
   * The message {@code messageId} as Bird reports it now; empty when Bird knows no such message
   * (404) or its answer has no usable id and status. Retried as reads are; other refusals are an
   * IOException naming Bird's answer.
   */
  public Optional<MessageStatus> message(String messageId)
      throws IOException, InterruptedException {
    try {
      Answer a = attempts.read(connection.messageUrl(messageId));
      if (a.status() == 404) {
        return Optional.empty();
      }
      if (a.status() != 200) {
        throw new IOException("Bird answered " + Answers.describe(a));
      }
      return MessageStatus.of(Answers.parse(a.body()));
    } catch (IOException e) {
      throw new IOException(key.scrub(e.getMessage()), null);
    }
  }

  /** One page of the channel's outgoing messages created in [{@code from}, {@code to}). */
  public JsonNode messagesPage(Instant from, Instant to, String pageToken)
      throws IOException, InterruptedException {
    return getJson(connection.messagesUrl(from, to, pageToken));
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
}
