package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chirp send} and {@code chirp window} in-process against {@link FakeBird} on loopback:
 * exact output, exit codes, what the server received (bodies byte for byte) and attempts per fault.
 * Every run also checks that the access key was printed nowhere.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SendCommandTest {
  static final String KEY = "sk_live_CHIRP_TEST_SECRET_9f8e7d";
  static final String SPEC = "src/test/resources/send/hello.yaml";
  static final String TEMPLATE = "src/test/resources/send/template.yaml";
  static final String TO = "+31612345678";
  static final String OTHER_WS = "11111111-2222-4333-8444-555555555555";
  static final String FLAG_WS = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  static final String MESSAGES_PATH =
      "/workspaces/" + FakeBird.WORKSPACE + "/channels/" + FakeBird.CHANNEL + "/messages";
  static final Pattern ACCEPTED =
      Pattern.compile(
          "accepted: message ([0-9a-f-]{36}) to \\+31612345678 \\(status accepted, (\\d+) attempts?\\)\n");

  FakeBird bird;

  @BeforeEach
  void start() {
    bird = FakeBird.start(KEY);
  }

  @AfterEach
  void stop() {
    bird.close();
  }

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", "/nonexistent");
    env.put("BIRD_ACCESS_KEY", KEY);
    return env;
  }

  /** Runs chirp and checks that the key appears in neither stream. */
  static MainTest.Result chirp(Map<String, String> env, String... args) {
    MainTest.Result r = MainTest.run(env, false, args);
    assertFalse(r.out().contains(KEY), "stdout shows the access key: " + r.out());
    assertFalse(r.err().contains(KEY), "stderr shows the access key: " + r.err());
    return r;
  }

  List<String> connArgs() {
    return List.of(
        "--api-url",
        bird.url().toString(),
        "--workspace-id",
        FakeBird.WORKSPACE,
        "--channel-id",
        FakeBird.CHANNEL);
  }

  /** {@code chirp send SPEC --example --to TO <connection> extra...} with the default env. */
  MainTest.Result send(String... extra) {
    return send(env(), SPEC, extra);
  }

  MainTest.Result send(Map<String, String> env, String spec, String... extra) {
    List<String> a = new ArrayList<>(List.of("send", spec, "--example", "--to", TO));
    a.addAll(connArgs());
    a.addAll(List.of(extra));
    return chirp(env, a.toArray(String[]::new));
  }

  List<Received> posts() {
    return bird.received().stream().filter(r -> r.method().equals("POST")).toList();
  }

  static String compiled(String spec) {
    MainTest.Result c = MainTest.run("compile", spec, "--example", "--to", TO, "--compact");
    assertEquals(0, c.exit(), c.err());
    assertTrue(c.out().endsWith("\n"));
    return c.out().substring(0, c.out().length() - 1);
  }

  static String accepted(MainTest.Result r, int attempts) {
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
    MainTest.Result r = send();

    String id = accepted(r, 1);
    List<Received> got = bird.received();
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
    assertEquals(1, bird.accepted().size());
    assertTrue(bird.accepted().get(0).bodyText().equals(req.bodyText()));
    assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
  }

  @Test
  void templateSpecIsSentAsCompiled() {
    MainTest.Result r = send(env(), TEMPLATE);

    accepted(r, 1);
    assertEquals(1, posts().size());
    assertArrayEquals(compiled(TEMPLATE).getBytes(StandardCharsets.UTF_8), posts().get(0).body());
  }

  // ---------------------------------------------------------------------------------------------
  // Final refusals: one attempt, Bird's code and message

  @Test
  void status400IsFinal() {
    bird.enqueue(Fault.status(400));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 400 InvalidPayload: Request failed validation\n");
  }

  @Test
  void status404IsFinal() {
    bird.enqueue(Fault.status(404));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 404 NotFound: The requested resource does not exist: channel not found\n");
  }

  @Test
  void status409IsFinal() {
    bird.enqueue(Fault.status(409));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 409 Conflict: Conflicting conditions prevented the creation of the message\n");
  }

  @Test
  void status413IsFinal() {
    bird.enqueue(Fault.status(413));
    assertRefused(
        "chirp: Bird refused the message to +31612345678: HTTP 413 PayloadTooLarge: Request body exceeds 200 KB or an inline attachment exceeds 100 KB\n");
  }

  @Test
  void status422MapsDetailsBackToTheSpec() {
    bird.enqueue(Fault.status(422));
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
    bird.enqueue(
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
    MainTest.Result r = send();

    assertEquals(new MainTest.Result(1, "", err), r);
    assertEquals(1, bird.received().size());
    assertEquals(0, bird.accepted().size());
  }

  // ---------------------------------------------------------------------------------------------
  // Retried answers

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfter() {
    bird.enqueue(Fault.tooManyRequests(1));
    MainTest.WAITS.clear();
    MainTest.Result r = send();

    accepted(r, 2);
    assertEquals(2, bird.received().size());
    assertEquals(429, bird.received().get(0).status());
    assertEquals(202, bird.received().get(1).status());
    assertArrayEquals(bird.received().get(0).body(), bird.received().get(1).body());
    // Retry-After is a floor: above the backoff's first wait (at most 0.5 s), so exactly 1 s.
    assertEquals(List.of(java.time.Duration.ofSeconds(1)), MainTest.WAITS);
  }

  @Test
  void retryAfterBeyondTheTotalBudgetGivesUpAtOnce() {
    bird.enqueue(Fault.tooManyRequests(3600));
    long start = System.nanoTime();
    MainTest.Result r = send();
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 429 (Rate limit exceeded, retry later); gave up"
                + " after 1 attempt\n"),
        r);
    assertEquals(1, bird.received().size());
    assertTrue(ms < 60_000, "waited " + ms + " ms");
  }

  @Test
  void serverErrorsAreRetried() {
    bird.enqueue(Fault.status(500), Fault.status(503));
    MainTest.Result r = send();

    accepted(r, 3);
    assertEquals(3, bird.received().size());
    assertEquals(List.of(500, 503, 202), bird.received().stream().map(Received::status).toList());
    byte[] body = compiled(SPEC).getBytes(StandardCharsets.UTF_8);
    for (Received x : bird.received()) {
      assertArrayEquals(body, x.body());
    }
  }

  @Test
  void fiveServiceUnavailableGiveUp() {
    for (int i = 0; i < 5; i++) {
      bird.enqueue(Fault.status(503));
    }
    MainTest.Result r = send();

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 503 (Service temporarily unavailable); gave up after 5 attempts\n"),
        r);
    assertEquals(5, bird.received().size());
    assertEquals(0, bird.accepted().size());
  }

  @Test
  void connectionRefusedIsRetriedThenFails() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    MainTest.Result r =
        chirp(
            env(),
            "send",
            SPEC,
            "--example",
            "--to",
            TO,
            "--api-url",
            "http://127.0.0.1:" + port,
            "--workspace-id",
            FakeBird.WORKSPACE,
            "--channel-id",
            FakeBird.CHANNEL);

    assertEquals(
        new MainTest.Result(
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

  @Test
  void resetAfterSendingIsUnknownAndNotResent() {
    bird.enqueue(Fault.reset());
    MainTest.Result r = send();

    assertUnknown(r, "the connection failed after sending (IOException: ");
    assertEquals(1, bird.received().size());
    assertEquals(0, bird.accepted().size());
  }

  @Test
  void resetAfterProcessingIsUnknownAndNotResent() {
    bird.enqueue(Fault.resetAfterProcessing());
    MainTest.Result r = send();

    assertUnknown(r, "the connection failed after sending (IOException: ");
    assertEquals(1, bird.received().size());
    assertEquals(1, bird.accepted().size());
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnknown() {
    bird.enqueue(Fault.delay(Duration.ofSeconds(3)));
    MainTest.Result r = send("--timeout", "1");

    assertEquals(
        new MainTest.Result(
            3,
            "",
            "chirp: outcome unknown for +31612345678: no answer within 1 s after sending"
                + NOT_RESENT),
        r);
    assertEquals(1, bird.received().size());
  }

  @Test
  void slowBodyIsCutOffAndUnknown() {
    bird.enqueue(Fault.slowBody(Duration.ofSeconds(5)));
    MainTest.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> send("--timeout", "1"));

    assertEquals(
        new MainTest.Result(
            3,
            "",
            "chirp: outcome unknown for +31612345678: no complete answer within 1 s after sending"
                + NOT_RESENT),
        r);
    assertEquals(1, bird.received().size());
  }

  @Test
  void hugeAnswerIsNotReadNorResent() {
    bird.enqueue(Fault.hugeBody(50 * 1024 * 1024));
    MainTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> send());

    assertEquals(
        new MainTest.Result(
            3,
            "",
            "chirp: outcome unknown for +31612345678: Bird's answer was larger than 1024 KiB; it was not read"
                + NOT_RESENT),
        r);
    assertEquals(1, bird.received().size());
  }

  static void assertUnknown(MainTest.Result r, String reasonStart) {
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
    Map<String, String> env = env();
    env.remove("BIRD_ACCESS_KEY");
    MainTest.Result r = send(env, SPEC, "--dry-run");

    assertEquals(
        new MainTest.Result(
            0,
            "{\"method\":\"POST\",\"url\":\""
                + bird.url()
                + MESSAGES_PATH
                + "\",\"headers\":{\"Authorization\":\"AccessKey ****\",\"Content-Type\":\"application/json\","
                + "\"Accept\":\"application/json\",\"User-Agent\":\"chirp/"
                + Version.get()
                + " (+https://github.com/chirp-dev/chirp)\"},\"body\":"
                + compiled(SPEC)
                + "}\n",
            ""),
        r);
    assertEquals(List.of(), bird.received());
  }

  @Test
  void dryRunWithTheKeyStillRedactsIt() {
    MainTest.Result r = send("--dry-run");

    assertEquals(0, r.exit());
    assertEquals(1, r.out().lines().count());
    assertTrue(r.out().contains("\"Authorization\":\"AccessKey ****\""), r.out());
    assertEquals(List.of(), bird.received());
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  @Test
  void missingWorkspaceId() {
    MainTest.Result r =
        chirp(env(), "send", SPEC, "--example", "--to", TO, "--channel-id", FakeBird.CHANNEL);

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: no workspace id: give --workspace-id, set CHIRP_WORKSPACE_ID, or name a profile of chirp.yaml with --profile\n"),
        r);
  }

  @Test
  void channelIdMustBeAUuid() {
    MainTest.Result r =
        chirp(
            env(),
            "send",
            SPEC,
            "--example",
            "--to",
            TO,
            "--workspace-id",
            FakeBird.WORKSPACE,
            "--channel-id",
            "my-channel");

    assertEquals(
        new MainTest.Result(
            2, "", "chirp: --channel-id: channel id \"my-channel\" is not a UUID\n"),
        r);
  }

  @Test
  void plainHttpOverANetworkIsRefused() {
    MainTest.Result r =
        chirp(
            env(),
            "send",
            SPEC,
            "--example",
            "--to",
            TO,
            "--workspace-id",
            FakeBird.WORKSPACE,
            "--channel-id",
            FakeBird.CHANNEL,
            "--api-url",
            "http://example.com");

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: --api-url: API URL http://example.com uses plain http; the access key would travel"
                + " unencrypted. Use https (http is allowed only to loopback)\n"),
        r);
  }

  @Test
  void plainHttpToLoopbackIsAllowed() {
    MainTest.Result r =
        chirp(
            env(),
            "send",
            SPEC,
            "--example",
            "--to",
            TO,
            "--workspace-id",
            FakeBird.WORKSPACE,
            "--channel-id",
            FakeBird.CHANNEL,
            "--api-url",
            "http://127.0.0.1:9",
            "--dry-run");

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
            + bird.url()
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
  void profileOfChirpYamlBesideTheSpec(@TempDir Path dir) throws IOException {
    Path spec = catalog(dir);
    MainTest.Result r =
        chirp(env(), "send", spec.toString(), "--example", "--to", TO, "--profile", "test");

    accepted(r, 1);
    assertEquals(1, posts().size());
    assertEquals(MESSAGES_PATH, posts().get(0).path());
  }

  @Test
  void envOverridesTheProfileAndFlagsOverrideEnv(@TempDir Path dir) throws IOException {
    Path spec = catalog(dir);
    Map<String, String> env = env();
    env.put("CHIRP_WORKSPACE_ID", OTHER_WS);
    String base = bird.url() + "/workspaces/";
    String rest = "/channels/" + FakeBird.CHANNEL + "/messages";

    MainTest.Result fromEnv =
        chirp(
            env,
            "send",
            spec.toString(),
            "--example",
            "--to",
            TO,
            "--profile",
            "test",
            "--dry-run");
    assertEquals(0, fromEnv.exit(), fromEnv.err());
    assertTrue(
        fromEnv.out().startsWith("{\"method\":\"POST\",\"url\":\"" + base + OTHER_WS + rest + "\""),
        fromEnv.out());

    MainTest.Result fromFlag =
        chirp(
            env,
            "send",
            spec.toString(),
            "--example",
            "--to",
            TO,
            "--profile",
            "test",
            "--workspace-id",
            FLAG_WS,
            "--dry-run");
    assertEquals(0, fromFlag.exit(), fromFlag.err());
    assertTrue(
        fromFlag.out().startsWith("{\"method\":\"POST\",\"url\":\"" + base + FLAG_WS + rest + "\""),
        fromFlag.out());
    assertEquals(List.of(), bird.received());
  }

  @Test
  void unknownProfileListsTheKnownOnes(@TempDir Path dir) throws IOException {
    Path spec = catalog(dir);
    MainTest.Result r =
        chirp(env(), "send", spec.toString(), "--example", "--to", TO, "--profile", "staging");

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: " + dir.resolve("chirp.yaml") + ": no profile `staging`; it has: test, prod\n"),
        r);
    assertEquals(List.of(), bird.received());
  }

  @Test
  void catalogSearchStopsAtAWorktreeRoot(@TempDir Path dir) throws IOException {
    // In a git worktree or submodule .git is a file; the search must stop there too and not pick
    // up a chirp.yaml above the repository.
    catalog(dir);
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");
    Path spec = Files.copy(Path.of(SPEC), repo.resolve("hello.yaml"));
    MainTest.Result r =
        chirp(env(), "send", spec.toString(), "--example", "--to", TO, "--profile", "test");

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: --profile test: no chirp.yaml found beside the spec or in a parent folder\n"),
        r);
    assertEquals(List.of(), bird.received());
  }

  @Test
  void aProfileValueOfTheWrongTypeIsADiagnosticAtItsLine(@TempDir Path dir) throws IOException {
    Files.copy(Path.of(SPEC), dir.resolve("hello.yaml"));
    Files.writeString(
        dir.resolve("chirp.yaml"),
        "chirp: 1\nprofiles:\n  test:\n    workspaceId: [1]\n    channelId: "
            + FakeBird.CHANNEL
            + "\n");
    MainTest.Result r =
        chirp(
            env(),
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
    assertEquals(0, bird.received().size());
  }

  @Test
  void catalogInAParentFolderIsFound(@TempDir Path dir) throws IOException {
    catalog(dir);
    Path sub = Files.createDirectories(dir.resolve("specs"));
    Path spec = Files.copy(Path.of(SPEC), sub.resolve("hello.yaml"));
    MainTest.Result r =
        chirp(env(), "send", spec.toString(), "--example", "--to", TO, "--profile", "test");

    accepted(r, 1);
  }

  @Test
  void accessKeyFromAFile(@TempDir Path dir) throws IOException {
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, KEY + "\n");
    Map<String, String> env = env();
    env.remove("BIRD_ACCESS_KEY");
    MainTest.Result r = send(env, SPEC, "--access-key-file", keyFile.toString());

    accepted(r, 1);
    assertEquals("AccessKey " + KEY, posts().get(0).headers().get("authorization"));
  }

  @Test
  void missingAccessKey() {
    Map<String, String> env = env();
    env.remove("BIRD_ACCESS_KEY");
    MainTest.Result r = send(env, SPEC);

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: no access key: set BIRD_ACCESS_KEY or give --access-key-file FILE (use --dry-run to try without one)\n"),
        r);
    assertEquals(List.of(), bird.received());
  }

  @Test
  void anUnusableProxySettingIsAUsageErrorThatHidesItsCredentials() {
    Map<String, String> env = env();
    env.put("HTTPS_PROXY", "https://ada:pw@proxy.corp:443");
    MainTest.Result r = send(env, SPEC);

    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: HTTPS_PROXY is https://****@proxy.corp:443: only http:// proxies are supported"
                + " (chirp opens a CONNECT tunnel and speaks TLS to Bird through it); use"
                + " http://HOST:PORT\n"),
        r);
    assertEquals(List.of(), bird.received());
  }

  @Test
  void aProxyIsNotUsedForAPlainHttpLoopbackServer() {
    Map<String, String> env = env();
    // Nothing listens there: were the proxy used, the send would fail.
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    MainTest.Result r = send(env, SPEC);

    accepted(r, 1);
  }

  @Test
  void wrongAccessKeyIsRefusedWithoutShowingEitherKey() {
    Map<String, String> env = env();
    env.put("BIRD_ACCESS_KEY", "sk_live_WRONG_KEY_0000");
    MainTest.Result r = send(env, SPEC);

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: Bird refused the message to +31612345678: HTTP 401 Unauthorized: Invalid access key\n"),
        r);
    assertEquals(1, bird.received().size());
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
    bird.window(TO, future());
    MainTest.Result r = send("--require-window");

    accepted(r, 1);
    assertEquals(List.of("GET", "POST"), bird.received().stream().map(Received::method).toList());
  }

  @Test
  void requireWindowRefusesWhenNoneIsOpen() {
    bird.window(TO, null);
    MainTest.Result r = send("--require-window");

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: the 24-hour service window with +31612345678 is closed; WhatsApp only delivers"
                + " templates now: send a template spec instead\n"),
        r);
    assertEquals(List.of(), posts());
  }

  @Test
  void requireWindowRefusesWhenItClosed() {
    bird.window(TO, "2024-01-02T03:04:05Z");
    MainTest.Result r = send("--require-window");

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: the 24-hour service window with +31612345678 is closed (it closed at"
                + " 2024-01-02T03:04:05Z); WhatsApp only delivers templates now: send a template spec instead\n"),
        r);
    assertEquals(List.of(), posts());
  }

  @Test
  void requireWindowWithAnUnknownContact() {
    MainTest.Result r = send("--require-window");

    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: cannot check the service window: Bird knows no contact +31612345678 on this channel (404)\n"),
        r);
    assertEquals(List.of(), posts());
  }

  @Test
  void requireWindowIsSkippedForTemplates() {
    bird.window(TO, "2024-01-02T03:04:05Z");
    MainTest.Result r = send(env(), TEMPLATE, "--require-window");

    accepted(r, 1);
    assertEquals(List.of("POST"), bird.received().stream().map(Received::method).toList());
  }

  MainTest.Result window() {
    List<String> a = new ArrayList<>(List.of("window", "--to", TO));
    a.addAll(connArgs());
    return chirp(env(), a.toArray(String[]::new));
  }

  @Test
  void windowOpen() {
    String until = future();
    bird.window(TO, until);
    MainTest.Result r = window();

    assertEquals(
        new MainTest.Result(
            0,
            "+31612345678: window open until "
                + until
                + " (2 h 30 min left); free-form messages allowed\n",
            ""),
        r);
    Received get = bird.received().get(0);
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

  @Test
  void windowClosed() {
    bird.window(TO, "2024-01-02T03:04:05Z");
    assertEquals(
        new MainTest.Result(
            1,
            "+31612345678: window closed since 2024-01-02T03:04:05Z; only template messages can be sent\n",
            ""),
        window());
  }

  @Test
  void windowNoneOpen() {
    bird.window(TO, null);
    assertEquals(
        new MainTest.Result(
            1, "+31612345678: window closed (none open); only template messages can be sent\n", ""),
        window());
  }

  @Test
  void aTemplateTheRegistryRefusesIsNotSent(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Files.copy(Path.of("..", "specs", "chirp.yaml"), dir.resolve("chirp.yaml"));
    Path spec = dir.resolve("template-text.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("..", "specs", "template-text.yaml"))
            .replace("locale: en", "locale: fr"));
    List<String> a = new ArrayList<>(List.of("send", spec.toString(), "--example", "--to", TO));
    a.addAll(connArgs());
    MainTest.Result r = chirp(env(), a.toArray(String[]::new));
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("error[template-locale]"), r.err());
    assertEquals(0, bird.received().size());
  }

  @Test
  void badTimeoutAndRateAreNamedOneByOne() {
    List<String> a = new ArrayList<>(List.of("window", "--to", TO));
    a.addAll(connArgs());
    List<String> timeout = new ArrayList<>(a);
    timeout.addAll(List.of("--timeout", "0"));
    assertEquals(
        new MainTest.Result(2, "", "chirp: --timeout must be more than 0 seconds, got 0\n"),
        chirp(env(), timeout.toArray(String[]::new)));
    List<String> rate = new ArrayList<>(a);
    rate.addAll(List.of("--rate", "-2.5"));
    assertEquals(
        new MainTest.Result(2, "", "chirp: --rate must be 0 (no limit) or more, got -2.5\n"),
        chirp(env(), rate.toArray(String[]::new)));
    List<String> nan = new ArrayList<>(a);
    nan.addAll(List.of("--rate", "NaN"));
    assertEquals(
        new MainTest.Result(2, "", "chirp: --rate must be 0 (no limit) or more, got NaN\n"),
        chirp(env(), nan.toArray(String[]::new)));
    assertEquals(0, bird.received().size());
  }

  @Test
  void windowProfileNeedsACatalog() {
    // The tests run in runtime/, where there is no chirp.yaml, above or in specs/.
    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: --profile sandbox: no chirp.yaml here, above or in specs/; give --catalog"
                + " FILE\n"),
        chirp(env(), "window", "--to", TO, "--profile", "sandbox"));
    assertEquals(
        new MainTest.Result(2, "", "chirp: --catalog: no such file nope.yaml\n"),
        chirp(env(), "window", "--to", TO, "--catalog", "nope.yaml"));
  }

  @Test
  void windowUnknownContact() {
    assertEquals(
        new MainTest.Result(
            2,
            "",
            "chirp: cannot read the service window of +31612345678: Bird knows no contact +31612345678 on this channel (404)\n"),
        window());
    assertEquals(1, bird.received().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--dry-run", "--require-window"})
  void noKeyInHelp(String flag) {
    MainTest.Result r = chirp(env(), "send", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains(flag));
  }
}
