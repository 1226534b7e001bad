package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird;
import dev.chirp.send.FakeBird.Fault;
import dev.chirp.send.FakeBird.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chirp send} and {@code chirp window} in-process against {@link FakeBird} on loopback:
 * exact output, exit codes, what the server received (bodies byte for byte) and attempts per fault.
 * Every run also checks that the access key was printed nowhere.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SendCommandTest {
  static final String KEY = ChirpCli.KEY;
  static final String SPEC = "src/test/resources/send/hello.yaml";
  static final String TEMPLATE = "src/test/resources/send/template.yaml";
  static final String TO = ChirpCli.TO;
  static final String OTHER_WS = "11111111-2222-4333-8444-555555555555";
  static final String FLAG_WS = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  static final String MESSAGES_PATH =
      "/workspaces/" + FakeBird.WORKSPACE + "/channels/" + FakeBird.CHANNEL + "/messages";
  static final Pattern ACCEPTED =
      Pattern.compile(
          "accepted: message ([0-9a-f-]{36}) to \\+31612345678 \\(status accepted, (\\d+) attempts?\\)\n");

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  /** {@code chirp send SPEC --example --to TO} to the loopback server, then {@code extra}. */
  Result send(String... extra) {
    return cli.send(SPEC, extra);
  }

  /** {@code chirp send SPEC --example --to TO} with {@code settings} instead of the server's. */
  Result sendWith(String... settings) {
    return sendSpec(SPEC, settings);
  }

  /** {@code chirp send spec --example --to TO}, then {@code flags} (no server given). */
  Result sendSpec(String spec, String... flags) {
    return cli.run(ChirpCli.append(List.of("send", spec, "--example", "--to", TO), flags));
  }

  List<Received> posts() {
    return cli.bird().received().stream().filter(r -> r.method().equals("POST")).toList();
  }

  static String compiled(String spec) {
    Result c = ChirpCli.exec("compile", spec, "--example", "--to", TO, "--compact");
    assertEquals(0, c.exit(), c.err());
    assertTrue(c.out().endsWith("\n"));
    return c.out().substring(0, c.out().length() - 1);
  }

  static String accepted(Result r, int attempts) {
    assertEquals("", r.err());
    assertEquals(0, r.exit());
    Matcher m = ACCEPTED.matcher(r.out());
    assertTrue(m.matches(), "unexpected stdout: " + r.out());
    assertEquals(String.valueOf(attempts), m.group(2));
    assertEquals(
        "accepted: message "
            + m.group(1)
            + " to +31612345678 (status accepted, "
            + attempts
            + (attempts == 1 ? " attempt)\n" : " attempts)\n"),
        r.out());
    return m.group(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Success

  @Test
  void acceptedPrintsIdAndSendsTheCompiledBodyWithTheRightHeaders() {
    Result r = send();

    String id = accepted(r, 1);
    List<Received> got = cli.bird().received();
    assertEquals(1, got.size());
    Received req = got.get(0);
    assertEquals("POST", req.method());
    assertEquals(MESSAGES_PATH, req.path());
    assertEquals(null, req.query());
    assertEquals(202, req.status());
    assertArrayEquals(compiled(SPEC).getBytes(StandardCharsets.UTF_8), req.body());
    assertEquals(
        "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+31612345678\"}]},"
            + "\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hello Ada, your order is ready.\"}}}",
        req.bodyText());
    assertEquals("AccessKey " + KEY, req.headers().get("authorization"));
    assertEquals("application/json", req.headers().get("accept"));
    assertEquals("application/json", req.headers().get("content-type"));
    assertEquals(
        "chirp/" + Version.get() + " (+https://github.com/chirp-dev/chirp)",
        req.headers().get("user-agent"));
    assertTrue(req.headers().get("user-agent").startsWith("chirp/"));
    assertEquals(1, cli.bird().accepted().size());
    assertTrue(cli.bird().accepted().get(0).bodyText().equals(req.bodyText()));
    assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
  }

  @Test
  void templateSpecIsSentAsCompiled() {
    Result r = cli.send(TEMPLATE);

    accepted(r, 1);
    assertEquals(1, posts().size());
    assertArrayEquals(compiled(TEMPLATE).getBytes(StandardCharsets.UTF_8), posts().get(0).body());
  }

  // ---------------------------------------------------------------------------------------------
  // Final refusals: one attempt, Bird's code and message

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          400 | InvalidPayload: Request failed validation
          404 | NotFound: The requested resource does not exist: channel not found
          409 | Conflict: Conflicting conditions prevented the creation of the message
          413 | PayloadTooLarge: Request body exceeds 200 KB or an inline attachment exceeds 100 KB
          """)
  void aRefusalIsFinal(int status, String answer) {
    cli.bird().enqueue(Fault.status(status));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP " + status + " " + answer + "\n");
  }

  @Test
  void status422MapsDetailsBackToTheSpec() {
    cli.bird().enqueue(Fault.status(422));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 422 InvalidPayload: Request failed validation\n"
            + SPEC
            + ":6:9: error[schema-value]: Bird: body.text.text: must not be longer than 4096\n"
            + " 6 |   text: \"Hello {{name}}, your order is ready.\"\n"
            + "   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
            + "1 error, 0 warnings in 1 file\n");
  }

  @Test
  void status422WithSeveralFieldsAndAReceiverField() {
    // Messages are joined per field; a receiver field is not pinned on the spec's text, since the
    // receiver comes from --to.
    cli.bird()
        .enqueue(
            Fault.status(
                422,
                "{\"code\":\"InvalidPayload\",\"message\":\"Request failed validation\",\"details\":"
                    + "{\"body.text.text\":[\"is bad\",\"is worse\"],\"receiver.contacts.0.identifierValue\":[\"unknown\"]}}"));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 422 InvalidPayload: Request failed validation\n"
            + "chirp: Bird: receiver.contacts.0.identifierValue: unknown (about the receiver +31612345678)\n"
            + SPEC
            + ":6:9: error[schema-value]: Bird: body.text.text: is bad; is worse\n"
            + " 6 |   text: \"Hello {{name}}, your order is ready.\"\n"
            + "   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
            + "1 error, 0 warnings in 1 file\n");
  }

  void assertRefused(String err) {
    Result r = send();

    assertEquals(new Result(1, "", err), r);
    assertEquals(1, cli.bird().received().size());
    assertEquals(0, cli.bird().accepted().size());
  }

  // ---------------------------------------------------------------------------------------------
  // Retried answers

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfter() {
    cli.bird().enqueue(Fault.tooManyRequests(1));
    ChirpCli.WAITS.clear();
    Result r = send();

    accepted(r, 2);
    assertEquals(2, cli.bird().received().size());
    assertEquals(429, cli.bird().received().get(0).status());
    assertEquals(202, cli.bird().received().get(1).status());
    assertArrayEquals(cli.bird().received().get(0).body(), cli.bird().received().get(1).body());
    // Retry-After is a floor: above the backoff's first wait (at most 0.5 s), so exactly 1 s.
    assertEquals(List.of(Duration.ofSeconds(1)), ChirpCli.WAITS);
  }

  @Test
  void retryAfterBeyondTheTotalBudgetGivesUpAtOnce() {
    cli.bird().enqueue(Fault.tooManyRequests(3600));
    long start = System.nanoTime();
    Result r = send();
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertEquals(
        new Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 429 (Rate limit exceeded, retry later); gave up"
                + " after 1 attempt\n"),
        r);
    assertEquals(1, cli.bird().received().size());
    assertTrue(ms < 60_000, "waited " + ms + " ms");
  }

  @Test
  void serverErrorsAreRetried() {
    cli.bird().enqueue(Fault.status(500), Fault.status(503));
    Result r = send();

    accepted(r, 3);
    assertEquals(3, cli.bird().received().size());
    assertEquals(
        List.of(500, 503, 202), cli.bird().received().stream().map(Received::status).toList());
    byte[] body = compiled(SPEC).getBytes(StandardCharsets.UTF_8);
    for (Received x : cli.bird().received()) {
      assertArrayEquals(body, x.body());
    }
  }

  @Test
  void fiveServiceUnavailableGiveUp() {
    for (int i = 0; i < 5; i++) {
      cli.bird().enqueue(Fault.status(503));
    }
    Result r = send();

    assertEquals(
        new Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 503 (Service temporarily unavailable); gave up after 5 attempts\n"),
        r);
    assertEquals(5, cli.bird().received().size());
    assertEquals(0, cli.bird().accepted().size());
  }

  @Test
  void connectionRefusedIsRetriedThenFails() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Result r = sendWith(ChirpCli.connection("http://127.0.0.1:" + port).toArray(String[]::new));

    assertEquals(
        new Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: could not connect to 127.0.0.1:"
                + port
                + " (connection refused); gave up after 5 attempts\n"),
        r);
  }

  // ---------------------------------------------------------------------------------------------
  // Unknown outcomes: never resent

  static final String NOT_RESENT =
      ". The message may have been sent; it was not resent. Check Bird before sending again.\n";

  @ParameterizedTest(name = "processed by Bird: {0}")
  @ValueSource(booleans = {false, true})
  void aResetAfterSendingIsUnknownAndNotResent(boolean processed) {
    cli.bird().enqueue(processed ? Fault.resetAfterProcessing() : Fault.reset());
    Result r = send();

    assertUnknown(r, "the connection failed after sending (IOException: ");
    assertEquals(1, cli.bird().received().size());
    assertEquals(processed ? 1 : 0, cli.bird().accepted().size());
  }

  static Stream<Arguments> answersNotHad() {
    return Stream.of(
        arguments(
            "no answer within the timeout",
            Fault.delay(Duration.ofSeconds(3)),
            List.of("--timeout", "1"),
            "no answer within 1 s after sending"),
        arguments(
            "a slow body is cut off",
            Fault.slowBody(Duration.ofSeconds(5)),
            List.of("--timeout", "1"),
            "no complete answer within 1 s after sending"),
        arguments(
            "a huge answer is not read",
            Fault.hugeBody(50 * 1024 * 1024),
            List.of(),
            "Bird's answer was larger than 1024 KiB; it was not read"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answersNotHad")
  void anAnswerNotHadInFullIsUnknownAndNotResent(
      String name, Fault fault, List<String> flags, String reason) {
    cli.bird().enqueue(fault);
    Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> send(flags.toArray(String[]::new)));

    assertEquals(
        new Result(3, "", "chirp: outcome unknown for +31612345678: " + reason + NOT_RESENT), r);
    assertEquals(1, cli.bird().received().size());
  }

  static void assertUnknown(Result r, String reasonStart) {
    assertEquals(3, r.exit());
    assertEquals("", r.out());
    String head = "chirp: outcome unknown for +31612345678: " + reasonStart;
    assertTrue(r.err().startsWith(head), r.err());
    assertTrue(r.err().endsWith(NOT_RESENT), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  // ---------------------------------------------------------------------------------------------
  // Dry run

  @Test
  void dryRunPrintsOneJsonLineAndSendsNothing() {
    cli.env().remove("BIRD_ACCESS_KEY");
    Result r = cli.send(SPEC, "--dry-run");

    assertEquals(
        new Result(
            0,
            "{\"method\":\"POST\",\"url\":\""
                + cli.bird().url()
                + MESSAGES_PATH
                + "\",\"headers\":{\"Authorization\":\"AccessKey ****\",\"Content-Type\":\"application/json\","
                + "\"Accept\":\"application/json\",\"User-Agent\":\"chirp/"
                + Version.get()
                + " (+https://github.com/chirp-dev/chirp)\"},\"body\":"
                + compiled(SPEC)
                + "}\n",
            ""),
        r);
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void dryRunWithTheKeyStillRedactsIt() {
    Result r = send("--dry-run");

    assertEquals(0, r.exit());
    assertEquals(1, r.out().lines().count());
    assertTrue(r.out().contains("\"Authorization\":\"AccessKey ****\""), r.out());
    assertEquals(List.of(), cli.bird().received());
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  static Stream<Arguments> badSettings() {
    return Stream.of(
        arguments(
            List.of("--channel-id", FakeBird.CHANNEL),
            "chirp: no workspace id: give --workspace-id, set CHIRP_WORKSPACE_ID, or name a profile"
                + " of chirp.yaml with --profile\n"),
        arguments(
            List.of("--workspace-id", FakeBird.WORKSPACE, "--channel-id", "my-channel"),
            "chirp: --channel-id: channel id \"my-channel\" is not a UUID\n"),
        arguments(
            ChirpCli.connection("http://example.com"),
            "chirp: --api-url: API URL http://example.com uses plain http; the access key would"
                + " travel unencrypted. Use https (http is allowed only to loopback)\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void aBadSettingIsAUsageError(List<String> settings, String err) {
    assertEquals(new Result(2, "", err), sendWith(settings.toArray(String[]::new)));
  }

  @Test
  void plainHttpToLoopbackIsAllowed() {
    Result r = sendWith(ChirpCli.append(ChirpCli.connection("http://127.0.0.1:9"), "--dry-run"));

    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith("{\"method\":\"POST\",\"url\":\"http://127.0.0.1:9" + MESSAGES_PATH + "\""),
        r.out());
  }

  /** A copy of the spec beside a chirp.yaml with profiles {@code test} and {@code prod}. */
  Path catalog(Path dir) throws IOException {
    Files.copy(Path.of(SPEC), dir.resolve("hello.yaml"));
    Files.writeString(
        dir.resolve("chirp.yaml"),
        "chirp: 1\n"
            + "profiles:\n"
            + "  test:\n"
            + "    workspaceId: "
            + FakeBird.WORKSPACE
            + "\n"
            + "    channelId: "
            + FakeBird.CHANNEL
            + "\n"
            + "    apiUrl: "
            + cli.bird().url()
            + "\n"
            + "  prod:\n"
            + "    workspaceId: "
            + OTHER_WS
            + "\n"
            + "    channelId: "
            + FakeBird.CHANNEL
            + "\n");
    return dir.resolve("hello.yaml");
  }

  @Test
  void profileOfChirpYamlBesideTheSpec() throws IOException {
    Path dir = cli.dir();
    Path spec = catalog(dir);
    Result r = sendSpec(spec.toString(), "--profile", "test");

    accepted(r, 1);
    assertEquals(1, posts().size());
    assertEquals(MESSAGES_PATH, posts().get(0).path());
  }

  @Test
  void envOverridesTheProfileAndFlagsOverrideEnv() throws IOException {
    Path dir = cli.dir();
    Path spec = catalog(dir);
    cli.env().put("CHIRP_WORKSPACE_ID", OTHER_WS);
    String base = cli.bird().url() + "/workspaces/";
    String rest = "/channels/" + FakeBird.CHANNEL + "/messages";

    Result fromEnv = sendSpec(spec.toString(), "--profile", "test", "--dry-run");
    assertEquals(0, fromEnv.exit(), fromEnv.err());
    assertTrue(
        fromEnv.out().startsWith("{\"method\":\"POST\",\"url\":\"" + base + OTHER_WS + rest + "\""),
        fromEnv.out());

    Result fromFlag =
        sendSpec(spec.toString(), "--profile", "test", "--workspace-id", FLAG_WS, "--dry-run");
    assertEquals(0, fromFlag.exit(), fromFlag.err());
    assertTrue(
        fromFlag.out().startsWith("{\"method\":\"POST\",\"url\":\"" + base + FLAG_WS + rest + "\""),
        fromFlag.out());
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void unknownProfileListsTheKnownOnes() throws IOException {
    Path dir = cli.dir();
    Path spec = catalog(dir);
    Result r = sendSpec(spec.toString(), "--profile", "staging");

    assertEquals(
        new Result(
            2,
            "",
            "chirp: " + dir.resolve("chirp.yaml") + ": no profile `staging`; it has: test, prod\n"),
        r);
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void catalogSearchStopsAtAWorktreeRoot() throws IOException {
    Path dir = cli.dir();
    // In a git worktree or submodule .git is a file; the search must stop there too and not pick
    // up a chirp.yaml above the repository.
    catalog(dir);
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");
    Path spec = Files.copy(Path.of(SPEC), repo.resolve("hello.yaml"));
    Result r = sendSpec(spec.toString(), "--profile", "test");

    assertEquals(
        new Result(
            2,
            "",
            "chirp: --profile test: no chirp.yaml found beside the spec or in a parent folder\n"),
        r);
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void aProfileValueOfTheWrongTypeIsADiagnosticAtItsLine() throws IOException {
    Path dir = cli.dir();
    Files.copy(Path.of(SPEC), dir.resolve("hello.yaml"));
    Files.writeString(
        dir.resolve("chirp.yaml"),
        "chirp: 1\nprofiles:\n  test:\n    workspaceId: [1]\n    channelId: "
            + FakeBird.CHANNEL
            + "\n");
    Result r =
        cli.run(
            "send",
            dir.resolve("hello.yaml").toString(),
            "--example",
            "--to",
            TO,
            "--profile",
            "test");
    assertEquals(2, r.exit(), r.toString());
    assertEquals("", r.out());
    assertTrue(
        r.err().startsWith("chirp: " + dir.resolve("chirp.yaml") + ":4:18: error[schema-type]: "),
        r.err());
    assertTrue(
        r.err()
            .endsWith(" (run `chirp check " + dir.resolve("chirp.yaml") + "` for every problem)\n"),
        r.err());
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void catalogInAParentFolderIsFound() throws IOException {
    Path dir = cli.dir();
    catalog(dir);
    Path sub = Files.createDirectories(dir.resolve("specs"));
    Path spec = Files.copy(Path.of(SPEC), sub.resolve("hello.yaml"));
    Result r = sendSpec(spec.toString(), "--profile", "test");

    accepted(r, 1);
  }

  @Test
  void accessKeyFromAFile() throws IOException {
    Path dir = cli.dir();
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, KEY + "\n");
    cli.env().remove("BIRD_ACCESS_KEY");
    Result r = cli.send(SPEC, "--access-key-file", keyFile.toString());

    accepted(r, 1);
    assertEquals("AccessKey " + KEY, posts().get(0).headers().get("authorization"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "(unset)",
      textBlock =
          """
          BIRD_ACCESS_KEY | (unset)                       | 2 | 0 | chirp: no access key: set BIRD_ACCESS_KEY or give --access-key-file FILE (use --dry-run to try without one)
          BIRD_ACCESS_KEY | sk_live_WRONG_KEY_0000        | 1 | 1 | chirp: Bird refused the message to +31612345678: HTTP 401 Unauthorized: Invalid access key
          HTTPS_PROXY     | https://ada:pw@proxy.corp:443 | 2 | 0 | chirp: HTTPS_PROXY is https://****@proxy.corp:443: only http:// proxies are supported (chirp opens a CONNECT tunnel and speaks TLS to Bird through it); use http://HOST:PORT
          """)
  void aKeyOrProxyThatCannotSendIsRefusedWithoutShowingIt(
      String name, String value, int exit, int requests, String err) {
    if (value == null) {
      cli.env().remove(name);
    } else {
      cli.env().put(name, value);
    }
    assertEquals(new Result(exit, "", err + "\n"), cli.send(SPEC));
    assertEquals(requests, cli.bird().received().size());
  }

  @Test
  void aProxyIsNotUsedForAPlainHttpLoopbackServer() {
    // Nothing listens there: were the proxy used, the send would fail.
    cli.env().put("HTTPS_PROXY", "http://127.0.0.1:9");
    Result r = cli.send(SPEC);

    accepted(r, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Service window

  static String future() {
    return Instant.now()
        .plus(Duration.ofMinutes(150))
        .plusSeconds(30)
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  @Test
  void requireWindowSendsWhenOpen() {
    cli.bird().window(TO, future());
    Result r = send("--require-window");

    accepted(r, 1);
    assertEquals(
        List.of("GET", "POST"), cli.bird().received().stream().map(Received::method).toList());
  }

  /** Gives the server a window with TO: "none" open, closed at an instant, or "unknown" contact. */
  void contact(String window) {
    switch (window) {
      case "unknown" -> {}
      case "none" -> cli.bird().window(TO, null);
      default -> cli.bird().window(TO, window);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          none                 | the 24-hour service window with +31612345678 is closed; WhatsApp only delivers templates now: send a template spec instead
          2024-01-02T03:04:05Z | the 24-hour service window with +31612345678 is closed (it closed at 2024-01-02T03:04:05Z); WhatsApp only delivers templates now: send a template spec instead
          unknown              | cannot check the service window: Bird knows no contact +31612345678 on this channel (404)
          """)
  void requireWindowRefusesWithoutAnOpenWindow(String window, String err) {
    contact(window);
    Result r = send("--require-window");

    assertEquals(new Result(1, "", "chirp: " + err + "\n"), r);
    assertEquals(List.of(), posts());
  }

  @Test
  void requireWindowIsSkippedForTemplates() {
    cli.bird().window(TO, "2024-01-02T03:04:05Z");
    Result r = cli.send(TEMPLATE, "--require-window");

    accepted(r, 1);
    assertEquals(List.of("POST"), cli.bird().received().stream().map(Received::method).toList());
  }

  Result window() {
    List<String> a = new ArrayList<>(List.of("window", "--to", TO));
    a.addAll(cli.connection());
    return cli.run(a.toArray(String[]::new));
  }

  @Test
  void windowOpen() {
    String until = future();
    cli.bird().window(TO, until);
    Result r = window();

    assertEquals(
        new Result(
            0,
            "+31612345678: window open until "
                + until
                + " (2 h 30 min left); free-form messages allowed\n",
            ""),
        r);
    Received get = cli.bird().received().get(0);
    assertEquals("GET", get.method());
    assertEquals(
        "/workspaces/"
            + FakeBird.WORKSPACE
            + "/channels/"
            + FakeBird.CHANNEL
            + "/contacts/%2B31612345678",
        get.path());
    assertEquals("contactIdentifierValue=%2B31612345678", get.query());
    assertEquals("AccessKey " + KEY, get.headers().get("authorization"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2024-01-02T03:04:05Z | closed since 2024-01-02T03:04:05Z
          none                 | closed (none open)
          """)
  void windowClosed(String window, String closed) {
    contact(window);
    assertEquals(
        new Result(
            1, "+31612345678: window " + closed + "; only template messages can be sent\n", ""),
        window());
  }

  @Test
  void aTemplateTheRegistryRefusesIsNotSent() {
    Path spec = cli.examples("template-text.yaml", t -> t.replace("locale: en", "locale: fr"));
    Result r = cli.send(spec.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("error[template-locale]"), r.err());
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void badTimeoutAndRateAreNamedOneByOne() {
    List<String> a = new ArrayList<>(List.of("window", "--to", TO));
    a.addAll(cli.connection());
    List<String> timeout = new ArrayList<>(a);
    timeout.addAll(List.of("--timeout", "0"));
    assertEquals(
        new Result(2, "", "chirp: --timeout must be more than 0 seconds, got 0\n"),
        cli.run(timeout.toArray(String[]::new)));
    List<String> rate = new ArrayList<>(a);
    rate.addAll(List.of("--rate", "-2.5"));
    assertEquals(
        new Result(2, "", "chirp: --rate must be 0 (no limit) or more, got -2.5\n"),
        cli.run(rate.toArray(String[]::new)));
    List<String> nan = new ArrayList<>(a);
    nan.addAll(List.of("--rate", "NaN"));
    assertEquals(
        new Result(2, "", "chirp: --rate must be 0 (no limit) or more, got NaN\n"),
        cli.run(nan.toArray(String[]::new)));
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void windowProfileNeedsACatalog() {
    // The tests run in runtime/, where there is no chirp.yaml, above or in specs/.
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --profile sandbox: no chirp.yaml here, above or in specs/; give --catalog"
                + " FILE\n"),
        cli.run("window", "--to", TO, "--profile", "sandbox"));
    assertEquals(
        new Result(2, "", "chirp: --catalog: no such file nope.yaml\n"),
        cli.run("window", "--to", TO, "--catalog", "nope.yaml"));
  }

  @Test
  void windowUnknownContact() {
    assertEquals(
        new Result(
            2,
            "",
            "chirp: cannot read the service window of +31612345678: Bird knows no contact +31612345678 on this channel (404)\n"),
        window());
    assertEquals(1, cli.bird().received().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--dry-run", "--require-window"})
  void noKeyInHelp(String flag) {
    Result r = cli.run("send", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains(flag));
  }
}
