package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird.Fault;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers a real server should not give, through the loopback server: non-JSON bodies, wrong
 * content types, a 202 without an id, control characters in Bird's message, a large (but allowed)
 * body. Each gives a clear message, in bounded time, and never a resend of a request Bird took.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileAnswersTest {
  static final String NO_ID =
      "accepted: message (Bird sent no message id) to +31612345678 (status %s, 1 attempt)\n";
  static final String REFUSED = "chirp: Bird refused the message to +31612345678: HTTP ";

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  Result send() {
    return assertTimeoutPreemptively(Duration.ofSeconds(15), () -> cli.send(SendCommandTest.SPEC));
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        arguments(
            "accepted with a plain text body",
            Fault.body(202, "text/plain", "OK"),
            new Result(0, NO_ID.formatted("unknown"), "")),
        arguments(
            "accepted with JSON but no id",
            Fault.body(202, "application/json", "{\"status\":\"accepted\"}"),
            new Result(0, NO_ID.formatted("accepted"), "")),
        arguments(
            "accepted with an empty body and an HTML content type",
            Fault.body(202, "text/html; charset=iso-8859-1", ""),
            new Result(0, NO_ID.formatted("unknown"), "")),
        arguments(
            "refused with an HTML page",
            Fault.body(
                400,
                "text/html",
                "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
                    + "<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n"
                    + "</body>\r\n</html>\r\n"),
            new Result(
                1,
                "",
                REFUSED
                    + "400: <html> <head><title>400 Bad Request</title></head> <body> <center><h1>400"
                    + " Bad Request</h1></center> <hr><center>nginx</center> </body> </html>\n")),
        arguments(
            "refused with JSON labelled as text",
            Fault.body(422, "text/plain", "{\"code\":\"InvalidPayload\",\"message\":\"bad text\"}"),
            new Result(1, "", REFUSED + "422 InvalidPayload: bad text\n")),
        arguments(
            "control characters in Bird's message are not printed raw",
            Fault.body(
                400,
                "application/json",
                "{\"code\":\"Bad\\u001b[2J\",\"message\":\"line\\u001b[31m red\\r\\nforged:"
                    + " accepted\"}"),
            new Result(1, "", REFUSED + "400 Bad [2J: line [31m red forged: accepted\n")),
        arguments(
            "a large refusal is shortened",
            Fault.body(400, "text/plain", "x".repeat(900 * 1024)),
            new Result(1, "", REFUSED + "400: " + "x".repeat(200) + "...\n")));
  }

  /** Each answer is taken once, and what chirp prints of it is exact. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void anOddAnswerGivesAClearMessage(String name, Fault answer, Result expected) {
    cli.bird().enqueue(answer);
    assertEquals(expected, send());
    assertEquals(1, cli.bird().received().size());
  }

  @Test
  void serverErrorsWithBinaryBodiesAreRetriedThenGiveUp() {
    for (int i = 0; i < 5; i++) {
      cli.bird()
          .enqueue(Fault.body(502, "application/octet-stream", "\u0000\u0001\u0002\uFFFD binary"));
    }
    assertEquals(
        new Result(
            1,
            "",
            "chirp: sending to +31612345678 failed: HTTP 502 (\uFFFD binary); gave up after 5"
                + " attempts\n"),
        send());
    assertEquals(5, cli.bird().received().size());
  }
}
