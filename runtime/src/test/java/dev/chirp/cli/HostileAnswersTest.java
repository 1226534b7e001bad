package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chirp.send.FakeBird;
import dev.chirp.send.FakeBird.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers a real server should not give, through the loopback server: non-JSON bodies, wrong
 * content types, a 202 without an id, control characters in Bird's message, a large (but allowed)
 * body. Each gives a clear message, in bounded time, and never a resend of a request Bird took.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileAnswersTest {
  static final String KEY = SendCommandTest.KEY;
  static final String TO = SendCommandTest.TO;

  FakeBird bird;

  @BeforeEach
  void start() {
    bird = FakeBird.start(KEY);
  }

  @AfterEach
  void stop() {
    bird.close();
  }

  MainTest.Result send(String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "send",
                SendCommandTest.SPEC,
                "--example",
                "--to",
                TO,
                "--api-url",
                bird.url().toString(),
                "--workspace-id",
                FakeBird.WORKSPACE,
                "--channel-id",
                FakeBird.CHANNEL));
    a.addAll(List.of(extra));
    return assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> SendCommandTest.chirp(SendCommandTest.env(), a.toArray(String[]::new)));
  }

  @Test
  void acceptedWithAPlainTextBody() {
    bird.enqueue(Fault.body(202, "text/plain", "OK"));
    assertEquals(
        new MainTest.Result(
            0,
            "accepted: message (Bird sent no message id) to +31612345678 (status unknown, 1 attempt)\n",
            ""),
        send());
    assertEquals(1, bird.received().size());
  }

  @Test
  void acceptedWithJsonButNoId() {
    bird.enqueue(Fault.body(202, "application/json", "{\"status\":\"accepted\"}"));
    assertEquals(
        new MainTest.Result(
            0,
            "accepted: message (Bird sent no message id) to +31612345678 (status accepted, 1 attempt)\n",
            ""),
        send());
  }

  @Test
  void acceptedWithAnEmptyBodyAndAnHtmlContentType() {
    bird.enqueue(Fault.body(202, "text/html; charset=iso-8859-1", ""));
    assertEquals(
        new MainTest.Result(
            0,
            "accepted: message (Bird sent no message id) to +31612345678 (status unknown, 1 attempt)\n",
            ""),
        send());
  }

  @Test
  void refusedWithAnHtmlPage() {
    bird.enqueue(
        Fault.body(
            400,
            "text/html",
            "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
                + "<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n"
                + "</body>\r\n</html>\r\n"));
    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: Bird refused the message to +31612345678: HTTP 400: <html> <head><title>400 Bad Request</title></head> <body> <center><h1>400 Bad Request</h1></center> <hr><center>nginx</center> </body> </html>\n"),
        send());
    assertEquals(1, bird.received().size());
  }

  @Test
  void refusedWithJsonLabelledAsText() {
    bird.enqueue(
        Fault.body(422, "text/plain", "{\"code\":\"InvalidPayload\",\"message\":\"bad text\"}"));
    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: Bird refused the message to +31612345678: HTTP 422 InvalidPayload: bad text\n"),
        send());
  }

  @Test
  void controlCharactersInBirdsMessageAreNotPrintedRaw() {
    bird.enqueue(
        Fault.body(
            400,
            "application/json",
            "{\"code\":\"Bad\\u001b[2J\",\"message\":\"line\\u001b[31m red\\r\\nforged: accepted\"}"));
    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: Bird refused the message to +31612345678: HTTP 400 Bad [2J: line [31m red forged: accepted\n"),
        send());
  }

  @Test
  void serverErrorsWithBinaryBodiesAreRetriedThenGiveUp() {
    for (int i = 0; i < 5; i++) {
      bird.enqueue(Fault.body(502, "application/octet-stream", "\u0000\u0001\u0002\uFFFD binary"));
    }
    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 502 (\uFFFD binary); gave up after 5 attempts\n"),
        send());
    assertEquals(5, bird.received().size());
  }

  @Test
  void aLargeRefusalIsShortened() {
    bird.enqueue(Fault.body(400, "text/plain", "x".repeat(900 * 1024)));
    assertEquals(
        new MainTest.Result(
            1,
            "",
            "chirp: Bird refused the message to +31612345678: HTTP 400: "
                + "x".repeat(200)
                + "...\n"),
        send());
  }
}
