package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.batch.Journal;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers no well-behaved server sends, through the whole send path against FakeBird's real
 * sockets: each ends as a clean "maybe sent" (outcome unknown, exit 3, the row unknown in the
 * journal, never resent on its own), no row stays "sending", and no row is given an id that was not
 * its own answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedAnswersTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  static final String ACCEPTED_HEAD =
      "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: ";

  static String accepted(String json) {
    return ACCEPTED_HEAD + json.length() + "\r\n\r\n" + json;
  }

  Result batch(String csv) {
    return cli.batch(BatchSendTest.SPEC, cli.file("r.csv", csv), "--concurrency", "1");
  }

  /** Each row's latest state, message id and detail, in line order. */
  List<String> rows() throws IOException {
    Map<Integer, Journal.Entry> last = new TreeMap<>();
    try (Journal j = Journal.open(cli.journal())) {
      j.forEach(e -> last.put(e.line(), e));
    }
    List<String> out = new ArrayList<>();
    last.forEach(
        (line, e) -> out.add(line + " " + e.state() + " " + e.messageId() + " " + e.detail()));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          negative chunk size | HTTP/1.1 202 Accepted\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-5\\r\\nabc\\r\\n0\\r\\n\\r\\n | the connection failed after sending (IOException: Expected leading [0-9a-fA-F] character but was 0x2d)
          huge chunk size | HTTP/1.1 202 Accepted\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n7fffffffffffffff\\r\\n{"id":"x"} | the connection failed after sending (IOException: unexpected end of stream)
          conflicting Content-Length | HTTP/1.1 202 Accepted\\r\\nContent-Length: 12\\r\\nContent-Length: 2\\r\\n\\r\\n{"id":"abc"} | the connection failed after sending (IOException: the answer has conflicting Content-Length headers)
          closed mid-answer | HTTP/1.1 202 Accepted\\r\\nContent-Length: 90\\r\\n\\r\\n{"id": | the connection failed after sending (IOException: unexpected end of stream)
          an unasked 101 | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: h2c\\r\\n\\r\\n | Bird answered HTTP 101, which is neither an acceptance nor a refusal
          a redirect | HTTP/1.1 307 Temporary Redirect\\r\\nLocation: https://elsewhere.example/\\r\\nContent-Length: 0\\r\\n\\r\\n | Bird answered HTTP 307, which is neither an acceptance nor a refusal
          """)
  void aMalformedAnswerLeavesTheRowUnknown(String name, String raw, String detail)
      throws IOException {
    cli.bird().enqueue(Fault.raw(raw.replace("\\r\\n", "\r\n"), true));
    Result r = batch("to,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(
        r.err().contains("row 2 (+31612345601): outcome unknown: " + detail + "; not resent\n"),
        r.err());
    assertEquals(List.of("2 UNKNOWN null " + detail), rows());
    assertEquals(1, cli.bird().received().size()); // sent once, not retried
  }

  @Test
  void bytesAfterAnAnswerAreNeverTakenAsTheNextRowsAnswer() throws IOException {
    String own = "{\"id\":\"0f5a3a4e-1111-4a43-9a3e-6f1d2c9b7e10\",\"status\":\"accepted\"}";
    String forged =
        "{\"id\":\"deadbeef-0000-4000-8000-000000000000\",\"status\":\"accepted\","
            + "\"reference\":\"chirp:someone-else\"}";
    // The first answer is followed, on the same kept-alive connection, by a second one that no
    // request asked for: the client reads it as the answer to the next request it writes.
    cli.bird().enqueue(Fault.raw(accepted(own) + accepted(forged), false));
    Result r = batch("to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,ABC\n");
    assertEquals(3, r.exit(), r.toString());
    assertEquals(
        List.of(
            "2 ACCEPTED 0f5a3a4e-1111-4a43-9a3e-6f1d2c9b7e10 null",
            "3 UNKNOWN null Bird's answer is for another message (reference chirp:someone-else);"
                + " this one may or may not have been accepted"),
        rows());
    assertFalse(rows().toString().contains("deadbeef"));
  }

  @Test
  void anUpperCaseHttpsSchemeNeverPutsTheKeyOnAPlainSocket() throws Exception {
    // A plain TCP listener records what arrives: TLS's first record, never an HTTP request.
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      Thread t =
          new Thread(
              () -> {
                while (!plain.isClosed()) {
                  try (Socket s = plain.accept()) {
                    s.setSoTimeout(2000);
                    InputStream in = s.getInputStream();
                    byte[] b = new byte[4096];
                    int n = in.read(b);
                    synchronized (seen) {
                      if (n > 0) {
                        seen.write(b, 0, n);
                      }
                    }
                  } catch (IOException e) {
                    // next
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      Result r =
          cli.run(
              ChirpCli.append(
                  List.of("send", BatchSendTest.SPEC, "--example", "--to", "+31612345601"),
                  ChirpCli.connection("HTTPS://127.0.0.1:" + plain.getLocalPort())
                      .toArray(String[]::new)));
      assertEquals(1, r.exit(), r.toString());
      assertTrue(
          r.err()
              .startsWith(
                  "chirp: sending to +31612345601 failed: could not connect to 127.0.0.1:"
                      + plain.getLocalPort()),
          r.err());
      byte[] bytes;
      synchronized (seen) {
        bytes = seen.toByteArray();
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertTrue(bytes.length > 0 && bytes[0] == 0x16, "not a TLS handshake record: " + text);
      assertFalse(text.contains("AccessKey") || text.contains(ChirpCli.KEY), text);
      assertFalse(text.contains("POST "), text);
    }
  }
}
