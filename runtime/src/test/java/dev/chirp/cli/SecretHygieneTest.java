package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.AccessKey;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.send.FakeBird;
import dev.chirp.send.FakeBird.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario that prints something, run with a distinctive access key: the key must appear in
 * no stdout and no stderr, whatever the server answers, even when the server echoes it back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretHygieneTest {
  static final String KEY = ChirpCli.KEY;
  static final String SPEC = SendCommandTest.SPEC;
  static final String TEMPLATE = SendCommandTest.TEMPLATE;
  static final String TO = SendCommandTest.TO;

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  /** How a scenario changes the defaults: server setup, extra args, env changes, the spec. */
  record Scenario(
      String name,
      Consumer<FakeBird> setup,
      List<String> args,
      Map<String, String> envChanges,
      int exit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Scenario s(String name, int exit, Consumer<FakeBird> setup, String... args) {
    return new Scenario(name, setup, List.of(args), Map.of(), exit);
  }

  static Scenario s(
      String name, int exit, Map<String, String> env, Consumer<FakeBird> setup, String... args) {
    return new Scenario(name, setup, List.of(args), env, exit);
  }

  static final Consumer<FakeBird> NONE = b -> {};

  static String echo(String what) {
    return "{\"code\":\"InvalidPayload\",\"message\":\""
        + what
        + "\",\"details\":{\"body.text.text\":[\""
        + what
        + "\"],\"receiver.contacts.0.identifierValue\":[\""
        + what
        + "\"]}}";
  }

  static Stream<Arguments> scenarios() {
    String echoed = "bad header Authorization: AccessKey " + KEY;
    Map<String, String> noKey = new HashMap<>();
    noKey.put("BIRD_ACCESS_KEY", null);
    return Stream.of(
            s("accepted", 0, NONE),
            s("template accepted", 0, NONE, "@" + TEMPLATE),
            s("400", 1, b -> b.enqueue(Fault.status(400))),
            s("401", 1, Map.of("BIRD_ACCESS_KEY", KEY + "x"), NONE),
            s("404", 1, b -> b.enqueue(Fault.status(404))),
            s("409", 1, b -> b.enqueue(Fault.status(409))),
            s("413", 1, b -> b.enqueue(Fault.status(413))),
            s("422", 1, b -> b.enqueue(Fault.status(422))),
            s("429 then 202", 0, b -> b.enqueue(Fault.tooManyRequests(0))),
            s("500, 503, 202", 0, b -> b.enqueue(Fault.status(500), Fault.status(503))),
            s("5 x 503", 1, b -> b.enqueue(repeat(Fault.status(503), 5))),
            s("reset", 3, b -> b.enqueue(Fault.reset())),
            s("reset after processing", 3, b -> b.enqueue(Fault.resetAfterProcessing())),
            s("delay", 3, b -> b.enqueue(Fault.delay(Duration.ofSeconds(3))), "--timeout", "1"),
            s("huge body", 3, b -> b.enqueue(Fault.hugeBody(2 * 1024 * 1024))),
            s("400 echoing the key", 1, b -> b.enqueue(Fault.status(400, echo(echoed)))),
            s("422 echoing the key", 1, b -> b.enqueue(Fault.status(422, echo(echoed)))),
            s(
                "5 x 503 echoing the key",
                1,
                b -> b.enqueue(repeat(Fault.status(503, echo(echoed)), 5))),
            s(
                "500 text echoing the key",
                1,
                b -> b.enqueue(repeat(Fault.body(500, "text/plain", echoed), 5))),
            s(
                "202 echoing the key",
                0,
                b ->
                    b.enqueue(
                        Fault.body(
                            202,
                            "application/json",
                            "{\"id\":\"" + KEY + "\",\"status\":\"" + KEY + "\"}"))),
            s("dry run", 0, NONE, "--dry-run"),
            s("dry run without key", 0, noKey, NONE, "--dry-run"),
            s("missing key", 2, noKey, NONE),
            s("no workspace", 2, NONE, "-workspace"),
            s("bad channel", 2, NONE, "--channel-id", "nope"),
            s("plain http", 2, NONE, "--api-url", "http://example.com"),
            s("window open", 0, b -> b.window(TO, future()), "--require-window"),
            s("window closed", 1, b -> b.window(TO, "2024-01-02T03:04:05Z"), "--require-window"),
            s("window none", 1, b -> b.window(TO, null), "--require-window"),
            s("window unknown contact", 1, NONE, "--require-window"),
            s("window 500 echoing the key", 2, NONE, "!window-echo"),
            s("window command open", 0, b -> b.window(TO, future()), "!window"),
            s("window command closed", 1, b -> b.window(TO, "2024-01-02T03:04:05Z"), "!window"),
            s("window command unknown", 2, NONE, "!window"),
            s("bad profile", 2, NONE, "!profile"))
        .map(Arguments::of);
  }

  static Fault[] repeat(Fault f, int n) {
    Fault[] a = new Fault[n];
    Arrays.fill(a, f);
    return a;
  }

  static String future() {
    return Instant.now().plusSeconds(3600).toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void keyIsNeverPrinted(Scenario sc) throws IOException {
    sc.setup().accept(cli.bird());
    Map<String, String> env = cli.env();
    sc.envChanges()
        .forEach(
            (k, v) -> {
              if (v == null) {
                env.remove(k);
              } else {
                env.put(k, v);
              }
            });
    String spec = SPEC;
    String apiUrl = cli.bird().url().toString();
    List<String> extra = new ArrayList<>();
    HttpServer echo = null;
    boolean withWorkspace = true;
    String command = "send";
    for (String a : sc.args()) {
      if (a.startsWith("@")) {
        spec = a.substring(1);
      } else if (a.equals("-workspace")) {
        withWorkspace = false;
      } else if (a.equals("!window")) {
        command = "window";
      } else if (a.equals("!window-echo")) {
        command = "window";
        echo = echoingServer();
        apiUrl = "http://127.0.0.1:" + echo.getAddress().getPort();
      } else if (a.equals("!profile")) {
        Files.copy(Path.of(SPEC), cli.dir().resolve("hello.yaml"));
        Files.writeString(
            cli.dir().resolve("chirp.yaml"),
            "profiles:\n  test:\n    apiUrl: " + cli.bird().url() + "\n");
        spec = cli.dir().resolve("hello.yaml").toString();
        extra.addAll(List.of("--profile", "nope"));
      } else {
        extra.add(a);
      }
    }
    List<String> args = new ArrayList<>();
    if (command.equals("send")) {
      args.addAll(List.of("send", spec, "--example", "--to", TO));
    } else {
      args.addAll(List.of("window", "--to", TO));
    }
    args.addAll(List.of("--api-url", apiUrl, "--channel-id", FakeBird.CHANNEL));
    if (withWorkspace) {
      args.addAll(List.of("--workspace-id", FakeBird.WORKSPACE));
    }
    args.addAll(extra);

    Result r;
    try {
      r = ChirpCli.exec(env, false, args.toArray(String[]::new));
    } finally {
      if (echo != null) {
        echo.stop(0);
      }
    }

    assertFalse(r.out().contains(KEY), sc + ": stdout shows the key:\n" + r.out());
    assertFalse(r.err().contains(KEY), sc + ": stderr shows the key:\n" + r.err());
    assertFalse(r.out().isEmpty() && r.err().isEmpty(), sc + ": printed nothing");
    if (sc.name().contains("echoing")) {
      // The echoed key reached chirp and was scrubbed, not merely lost on the way.
      assertTrue((r.out() + r.err()).contains("****"), sc + ": " + r);
    }
    assertEquals(sc.exit(), r.exit(), sc + ": " + r);
  }

  @Test
  void aGetWhoseAnswersEchoTheKeyFailsWithoutShowingIt() throws Exception {
    HttpServer echo = echoingServer();
    try {
      BirdClient c =
          BirdClient.builder(
                  new Connection(
                      URI.create("http://127.0.0.1:" + echo.getAddress().getPort()),
                      FakeBird.WORKSPACE,
                      FakeBird.CHANNEL),
                  AccessKey.of(KEY))
              .timeout(Duration.ofSeconds(2))
              .version("test")
              .sleeper(d -> {})
              .build();
      URI url = URI.create("http://127.0.0.1:" + echo.getAddress().getPort() + "/x");
      IOException e = assertThrows(IOException.class, () -> c.getJson(url));
      assertEquals(
          "HTTP 500 (bad header Authorization: AccessKey ****); gave up after 5 attempts",
          e.getMessage());
    } finally {
      echo.stop(0);
    }
  }

  /** FakeBird does not fault GETs: a server that answers every request 500, echoing the header. */
  static HttpServer echoingServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] b =
              echo("bad header Authorization: " + ex.getRequestHeaders().getFirst("Authorization"))
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(500, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    return server;
  }

  @Test
  void accessKeyObjectNeverShowsTheKey() throws IOException {
    AccessKey k = AccessKey.of(KEY);
    assertEquals("AccessKey ****", k.toString());
    assertEquals("AccessKey ****", AccessKey.redacted());
    assertFalse(String.valueOf(k).contains(KEY));
    assertFalse(("" + k + List.of(k) + Map.of("k", k)).contains(KEY));
    assertTrue(k.occursIn("x " + KEY + " y"));
    assertFalse(k.occursIn("AccessKey ****"));
    Path file = cli.dir().resolve("key");
    Files.writeString(file, "  " + KEY + "\n");
    AccessKey fromFile = AccessKey.find(file, Map.of()).orElseThrow();
    assertEquals(k, fromFile);
    assertEquals("AccessKey ****", fromFile.toString());
    AccessKey fromEnv = AccessKey.find(null, Map.of("BIRD_ACCESS_KEY", KEY)).orElseThrow();
    assertEquals(k, fromEnv);
    assertEquals("AccessKey ****", fromEnv.toString());
  }

  @Test
  void keyFileErrorsDoNotShowItsContent() throws IOException {
    Path empty = cli.dir().resolve("empty");
    Files.writeString(empty, "  \n");
    Result r = cli.send(SPEC, "--access-key-file", empty.toString());
    assertEquals(new Result(2, "", "chirp: the access key file " + empty + " is empty\n"), r);
    assertEquals(
        new Result(2, "", "chirp: there is no access key file " + empty + ".missing\n"),
        ChirpCli.exec(
            ChirpCli.append(
                List.of("window", "--to", "+31612345678", "--access-key-file", empty + ".missing"),
                ChirpCli.connection("http://127.0.0.1:9").toArray(String[]::new))));
  }

  @Test
  void aKeyThatCannotBeAHeaderIsNotPrinted() throws IOException {
    Path file = cli.dir().resolve("key");
    Files.writeString(file, KEY + "\n" + KEY + "\n");
    Result r = cli.send(SPEC, "--access-key-file", file.toString());
    assertEquals(
        new Result(
            2,
            "",
            "chirp: the access key has more than one line (at character 33); it must be one line of"
                + " printable ASCII without spaces\n"),
        r);
    assertEquals(List.of(), cli.bird().received());
  }
}
