package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.send.FakeBird;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile recipient values arrive at Bird exactly as written: quotes, backslashes, newlines, tags,
 * JSON text, 100 KB values, through CSV (quoted, CRLF, BOM) and JSON Lines. Asserted on the bodies
 * the loopback server received, not on chirp's own view.
 */
class HostileValuesTest {
  static final String KEY = BatchSendTest.KEY;
  static final ObjectMapper JSON = new ObjectMapper();

  /** Every value a row may carry; none may be changed on the way. */
  static final List<String> VALUES =
      List.of(
          "say \"hi\"",
          "back\\slash \\n \\u0041",
          "two\nlines",
          "crlf\r\ninside",
          "{{name}} and {{#x}}section{{/x}} and }}{{",
          "{\"json\": [1, 2, {\"k\": null}]}",
          "tab\there, 'single' `back`",
          "emoji \uD83D\uDE00 and e\u0301 and \u05e9\u05dc\u05d5\u05dd");

  @TempDir Path dir;

  Path spec() throws IOException {
    Path f = dir.resolve("echo.yaml");
    Files.writeString(
        f,
        "chirp: 1\n"
            + "id: echo\n"
            + "variables:\n"
            + "  v: { type: string, maxLength: 4000 }\n"
            + "message:\n"
            + "  text: \"{{v}}\"\n",
        StandardCharsets.UTF_8);
    return f;
  }

  MainTest.Result send(FakeBird bird, Path spec, Path recipients) {
    Map<String, String> env = new HashMap<>();
    env.put("BIRD_ACCESS_KEY", KEY);
    return MainTest.run(
        env,
        false,
        "send",
        spec.toString(),
        "--recipients",
        recipients.toString(),
        "--api-url",
        bird.url().toString(),
        "--workspace-id",
        FakeBird.WORKSPACE,
        "--channel-id",
        FakeBird.CHANNEL,
        "--journal",
        dir.resolve("j.sqlite").toString(),
        "--rate",
        "0");
  }

  String summary(Path f, int accepted, int invalid) {
    Path j = dir.resolve("j.sqlite");
    return "batch echo: 1 row in "
        + f
        + "\n  accepted              "
        + accepted
        + "\n  rejected              0\n  failed                0\n  unknown               0\n"
        + "  invalid rows          "
        + invalid
        + "\n  duplicates            0\njournal: "
        + j
        + "  (chirp report "
        + j
        + ")\n";
  }

  static String number(int i) {
    return "+316123456" + String.format("%02d", i);
  }

  static String csvField(String v) {
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  /** receiver -> text.text of every message the server accepted. */
  static Map<String, String> texts(FakeBird bird) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (FakeBird.Received r : bird.accepted()) {
      JsonNode n = JSON.readTree(r.body());
      out.put(
          n.at("/receiver/contacts/0/identifierValue").asText(), n.at("/body/text/text").asText());
    }
    return out;
  }

  Map<String, String> expected() {
    Map<String, String> want = new HashMap<>();
    for (int i = 0; i < VALUES.size(); i++) {
      want.put(number(i), VALUES.get(i));
    }
    return want;
  }

  @Test
  void csvQuotedValuesWithBomAndCrlfArriveExactly() throws IOException {
    StringBuilder b = new StringBuilder("\uFEFFto,v\r\n");
    for (int i = 0; i < VALUES.size(); i++) {
      b.append(number(i)).append(',').append(csvField(VALUES.get(i))).append("\r\n");
    }
    Path f = dir.resolve("r.csv");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, spec(), f);

      assertEquals(0, r.exit(), r.err());
      assertEquals(expected(), texts(bird));
    }
  }

  @Test
  void jsonLinesValuesArriveExactly() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < VALUES.size(); i++) {
      Map<String, String> row = new java.util.LinkedHashMap<>();
      row.put("to", number(i));
      row.put("v", VALUES.get(i));
      b.append(JSON.writeValueAsString(row)).append('\n');
    }
    Path f = dir.resolve("r.jsonl");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, spec(), f);

      assertEquals(0, r.exit(), r.err());
      assertEquals(expected(), texts(bird));
    }
  }

  @Test
  void hiddenCharactersInAValueAreAWarningAndTheValueArrivesExactly() throws IOException {
    Path f = dir.resolve("r.csv");
    Files.writeString(
        f, "to,v\n" + number(1) + ",\"Ada\u202Eevil\u200B\"\n", StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, spec(), f);

      assertEquals(
          new MainTest.Result(
              0,
              "",
              f
                  + ":2: warning[hidden-characters]: row 2: the value of `v` puts U+202E"
                  + " right-to-left override into this text; it is invisible or changes the"
                  + " text's direction (sent as it is)\n"
                  + summary(f, 1, 0)),
          r);
      assertEquals(Map.of(number(1), "Ada\u202Eevil\u200B"), texts(bird));
    }
  }

  @Test
  void aLoneSurrogateInAJsonValueIsRefusedBeforeSending() throws IOException {
    Path f = dir.resolve("r.jsonl");
    Files.writeString(
        f, "{\"to\":\"" + number(1) + "\",\"v\":\"half \\uD83D\"}\n", StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, spec(), f);

      assertEquals(
          new MainTest.Result(
              1,
              "",
              f
                  // The lone surrogate itself cannot be printed as UTF-8 either: it shows as '?'.
                  + ":1: error[var-value]: row 1, key v: `v` = \"half ?\" holds a lone surrogate"
                  + " U+D83D (half a character); it cannot be sent as UTF-8\n"
                  + summary(f, 0, 1)),
          r);
      assertEquals(0, bird.received().size());
    }
  }

  @Test
  void hundredKilobyteTemplateParameterArrivesExactly() throws IOException {
    Path spec = dir.resolve("big.yaml");
    Files.writeString(
        spec,
        "chirp: 1\n"
            + "id: big\n"
            + "variables:\n"
            + "  v: { type: string }\n"
            + "template:\n"
            + "  projectId: 7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36\n"
            + "  locale: en\n"
            + "  parameters:\n"
            + "    v: \"{{v}}\"\n",
        StandardCharsets.UTF_8);
    StringBuilder v = new StringBuilder();
    while (v.length() < 100 * 1024) {
      v.append("\"quoted\" \\ {{tag}} \u00e9\u20ac\uD83D\uDE00 ");
    }
    String value = v.toString().strip();
    Path f = dir.resolve("r.csv");
    Files.writeString(
        f, "to,v\n" + number(1) + "," + csvField(value) + "\n", StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r =
          assertTimeoutPreemptively(Duration.ofSeconds(20), () -> send(bird, spec, f));

      assertEquals(0, r.exit(), r.err());
      assertEquals(1, bird.accepted().size());
      JsonNode n = JSON.readTree(bird.accepted().get(0).body());
      assertEquals(value, n.at("/template/parameters/0/value").asText());
    }
  }

  @Test
  void aHundredKilobyteValueOverTheTextLimitIsRefusedBeforeSending() throws IOException {
    Path f = dir.resolve("r.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add("{\"to\":\"" + number(1) + "\",\"v\":\"" + "x".repeat(100 * 1024) + "\"}");
    Files.write(f, lines, StandardCharsets.UTF_8);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, spec(), f);

      assertEquals(1, r.exit(), r.out() + r.err());
      assertEquals(0, bird.received().size());
      assertEquals(
          f
              + ":1: error[var-value]: row 1, key v: `v` = \""
              + "x".repeat(57)
              + "...\" is 102,400 characters; at most 4,000 allowed",
          r.err().lines().findFirst().orElse(""));
    }
  }
}
