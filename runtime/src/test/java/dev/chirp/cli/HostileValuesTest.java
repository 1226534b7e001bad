package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.cli.ChirpCli.Result;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile recipient values arrive at Bird exactly as written: quotes, backslashes, newlines, tags,
 * JSON text, 100 KB values, through CSV (quoted, CRLF, BOM) and JSON Lines. Asserted on the bodies
 * the loopback server received, not on chirp's own view.
 */
class HostileValuesTest {
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

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  Path spec() {
    return cli.file(
        "echo.yaml",
        "chirp: 1\n"
            + "id: echo\n"
            + "variables:\n"
            + "  v: { type: string, maxLength: 4000 }\n"
            + "message:\n"
            + "  text: \"{{v}}\"\n");
  }

  Result send(Path spec, Path recipients) {
    return cli.batch(spec.toString(), recipients);
  }

  String summary(Path f, int accepted, int invalid) {
    Path j = cli.journal();
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
  Map<String, String> texts() throws IOException {
    Map<String, String> out = new HashMap<>();
    for (FakeBird.Received r : cli.bird().accepted()) {
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
    Path f = cli.file("r.csv", b.toString());
    Result r = send(spec(), f);

    assertEquals(0, r.exit(), r.err());
    assertEquals(expected(), texts());
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
    Path f = cli.file("r.jsonl", b.toString());
    Result r = send(spec(), f);

    assertEquals(0, r.exit(), r.err());
    assertEquals(expected(), texts());
  }

  /**
   * Sends a one-row recipients file {@code name} holding {@code rows} and checks chirp's whole
   * answer: {@code exit}, the diagnostic {@code line} (after the file's name) and the summary.
   */
  void assertOneRow(String name, String rows, int exit, String line, int accepted, int invalid) {
    Path f = cli.file(name, rows);
    assertEquals(
        new Result(exit, "", f + line + "\n" + summary(f, accepted, invalid)), send(spec(), f));
  }

  @Test
  void hiddenCharactersInAValueAreAWarningAndTheValueArrivesExactly() throws IOException {
    assertOneRow(
        "r.csv",
        "to,v\n" + number(1) + ",\"Ada\u202Eevil\u200B\"\n",
        0,
        ":2: warning[hidden-characters]: row 2: the value of `v` puts U+202E right-to-left"
            + " override into this text; it is invisible or changes the text's direction (sent as"
            + " it is)",
        1,
        0);
    assertEquals(Map.of(number(1), "Ada\u202Eevil\u200B"), texts());
  }

  @Test
  void aLoneSurrogateInAJsonValueIsRefusedBeforeSending() {
    assertOneRow(
        "r.jsonl",
        "{\"to\":\"" + number(1) + "\",\"v\":\"half \\uD83D\"}\n",
        1,
        // The lone surrogate itself cannot be printed as UTF-8 either: it shows as '?'.
        ":1: error[var-value]: row 1, key v: `v` = \"half ?\" holds a lone surrogate U+D83D (half"
            + " a character); it cannot be sent as UTF-8",
        0,
        1);
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void hundredKilobyteTemplateParameterArrivesExactly() throws IOException {
    Path spec = cli.dir().resolve("big.yaml");
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
    Path f = cli.file("r.csv", "to,v\n" + number(1) + "," + csvField(value) + "\n");
    Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> send(spec, f));

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, cli.bird().accepted().size());
    JsonNode n = JSON.readTree(cli.bird().accepted().get(0).body());
    assertEquals(value, n.at("/template/parameters/0/value").asText());
  }

  @Test
  void aHundredKilobyteValueOverTheTextLimitIsRefusedBeforeSending() throws IOException {
    Path f = cli.dir().resolve("r.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add("{\"to\":\"" + number(1) + "\",\"v\":\"" + "x".repeat(100 * 1024) + "\"}");
    Files.write(f, lines, StandardCharsets.UTF_8);
    Result r = send(spec(), f);

    assertEquals(1, r.exit(), r.out() + r.err());
    assertEquals(0, cli.bird().received().size());
    assertEquals(
        f
            + ":1: error[var-value]: row 1, key v: `v` = \""
            + "x".repeat(57)
            + "...\" is 102,400 characters; at most 4,000 allowed",
        r.err().lines().findFirst().orElse(""));
  }
}
