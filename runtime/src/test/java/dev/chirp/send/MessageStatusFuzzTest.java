package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Fuzzes how chirp reads a message's status from Bird ({@link MessageStatus#of}), the way `chirp
 * status` parses every answer: any JSON gives a value or nothing, never an exception; a status is
 * Bird's or marked unknown; every text is printable and bounded.
 *
 * <p>Regression inputs: {@code
 * src/test/resources/dev/chirp/send/MessageStatusFuzzTestInputs/parse/}.
 */
class MessageStatusFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "5m")
  void parse(FuzzedDataProvider data) {
    JsonNode n;
    try {
      n = JSON.readTree(data.consumeRemainingAsBytes());
    } catch (IOException e) {
      return; // not JSON: BirdClient never gets this far with it
    }
    var s = MessageStatus.of(n);
    if (s.isEmpty()) {
      return;
    }
    MessageStatus m = s.get();
    assertTrue(
        MessageStatus.KNOWN.contains(m.status()) || m.status().startsWith("unknown:"), m.status());
    for (String t :
        new String[] {
          m.messageId(),
          m.status(),
          m.lastStatusAt(),
          m.failureDescription(),
          m.sourceName(),
          m.sourceCode()
        }) {
      if (t != null) {
        assertTrue(t.length() <= 320, "unbounded text: " + t.length());
        assertFalse(t.chars().anyMatch(c -> c < 0x20), "control characters: " + t);
      }
    }
  }
}
