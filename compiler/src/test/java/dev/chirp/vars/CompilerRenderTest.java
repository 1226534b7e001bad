package dev.chirp.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Spec;
import dev.chirp.text.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How values reach the payload: as typed, JSON-escaped by the emitter only, URL parts encoded. */
class CompilerRenderTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final Checker CHECKER = new Checker(SpecSchema.load(), CLOCK);
  static final Compiler COMPILER = new Compiler(CLOCK);

  static final String RECEIVER =
      "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\","
          + "\"identifierValue\":\"+31612345678\"}]},";

  private static Spec spec(String yaml) {
    Checker.Checked c = CHECKER.check("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertTrue(c.diagnostics().isEmpty(), "spec not clean: " + c.diagnostics());
    return c.spec().orElseThrow();
  }

  /** The compact payload of {@code yaml} with {@code values}; fails on any diagnostic. */
  private static String compile(String yaml, Map<String, ?> values) {
    Compiler.Resolution r = COMPILER.resolve(spec(yaml), values, Receiver.EXAMPLE);
    assertTrue(r.ok(), "not resolved: " + r.diagnostics());
    assertEquals(java.util.List.of(), r.diagnostics());
    return Payload.compact(r.payload());
  }

  private static String text(String body) {
    return RECEIVER + "\"body\":{\"type\":\"text\",\"text\":{\"text\":" + body + "}}}";
  }

  private static final String ONE_VAR =
      """
      chirp: 1
      id: t
      variables:
        a: { type: string, maxLength: 100 }
      message:
        text: "<{{a}}>"
      """;

  @Test
  void noHtmlEscaping() {
    assertEquals(text("\"<Tom & Jerry <3>\""), compile(ONE_VAR, Map.of("a", "Tom & Jerry <3")));
  }

  @Test
  void tripleAndAmpersandTagsAlsoWriteAsTyped() {
    String yaml = ONE_VAR.replace("<{{a}}>", "{{{a}}}|{{&a}}");
    assertEquals(text("\"a&b|a&b\""), compile(yaml, Map.of("a", "a&b")));
  }

  @Test
  void noReEvaluation() {
    String yaml =
        """
        chirp: 1
        id: t
        variables:
          a: { type: string, maxLength: 100 }
          x: { type: string, maxLength: 100 }
        message:
          text: "{{a}}/{{x}}"
        """;
    assertEquals(
        text("\"{{x}}{{#x}}{{> p}}/BAD\""),
        compile(yaml, Map.of("a", "{{x}}{{#x}}{{> p}}", "x", "BAD")));
  }

  @Test
  void quotesBackslashesNewlinesAndEmojiArriveExactly() {
    String value = "say \"hi\"\\ back\\slash\nnew line\ttab 🎉 café";
    assertEquals(
        text("\"<say \\\"hi\\\"\\\\ back\\\\slash\\nnew line\\ttab 🎉 café>\""),
        compile(ONE_VAR, Map.of("a", value)));
  }

  private static final String SECTIONS =
      """
      chirp: 1
      id: t
      variables:
        name: { type: string, maxLength: 40 }
        eta: { type: string, required: false, maxLength: 30 }
      message:
        text: "Hi {{name}}{{#eta}}, arriving {{eta}}{{/eta}}{{^eta}}, date to follow{{/eta}}."
      """;

  @Test
  void sectionWithOptionalVariablePresent() {
    assertEquals(
        text("\"Hi Ada, arriving Friday.\""),
        compile(SECTIONS, Map.of("name", "Ada", "eta", "Friday")));
  }

  @Test
  void invertedSectionWithOptionalVariableAbsent() {
    assertEquals(text("\"Hi Ada, date to follow.\""), compile(SECTIONS, Map.of("name", "Ada")));
  }

  @Test
  void emptyOptionalVariableCountsAsAbsent() {
    assertEquals(
        text("\"Hi Ada, date to follow.\""), compile(SECTIONS, Map.of("name", "Ada", "eta", "")));
  }

  private static final String FLAG =
      """
      chirp: 1
      id: t
      variables:
        vip: { type: boolean }
      message:
        text: "{{#vip}}VIP {{/vip}}{{^vip}}Regular {{/vip}}offer ({{vip}})"
      """;

  @Test
  void booleanFalseHidesASection() {
    assertEquals(text("\"Regular offer (false)\""), compile(FLAG, Map.of("vip", false)));
    assertEquals(text("\"Regular offer (false)\""), compile(FLAG, Map.of("vip", "false")));
  }

  @Test
  void booleanTrueShowsASection() {
    assertEquals(text("\"VIP offer (true)\""), compile(FLAG, Map.of("vip", true)));
  }

  private static final String LINK =
      """
      chirp: 1
      id: t
      variables:
        slug: { type: string, maxLength: 40 }
        q: { type: string, maxLength: 40 }
        trackingUrl: { type: url, maxLength: 200 }
      message:
        text: Your link
        actions:
          - link: { text: Open, url: "URL" }
      """;

  private static String link(String url) {
    return RECEIVER
        + "\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Your link\",\"actions\":["
        + "{\"type\":\"link\",\"link\":{\"text\":\"Open\",\"url\":\""
        + url
        + "\"}}]}}}";
  }

  /**
   * {@link #LINK} with a button URL and values ({@code name=value}, separated by a space and a
   * semicolon; only those variables are declared), and the URL that arrives: variables are
   * percent-encoded, except one that starts the URL (its base) or is the whole of it.
   */
  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://x.example/p/{{slug}}?q={{q}}   | slug=a b/c ; q=x&y=z                          | https://x.example/p/a%20b%2Fc?q=x%26y%3Dz
          {{trackingUrl}}                        | trackingUrl=https://track.example/t?id=1&lang=en#top | https://track.example/t?id=1&lang=en#top
          {{trackingUrl}}/p/{{slug}}             | trackingUrl=https://track.example/base ; slug=a b | https://track.example/base/p/a%20b
          {{trackingUrl}}/x?back={{trackingUrl}} | trackingUrl=https://a.example/p?q=1            | https://a.example/p?q=1/x?back=https%3A%2F%2Fa.example%2Fp%3Fq%3D1
          """)
  void urlVariables(String url, String values, String expected) {
    Map<String, Object> vars = new HashMap<>();
    for (String pair : values.split(" ; ")) {
      vars.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    String yaml =
        LINK.replace("URL", url)
            .lines()
            .filter(
                l ->
                    !l.matches("  \\w+: \\{ type: .*") || vars.containsKey(l.strip().split(":")[0]))
            .map(l -> l + "\n")
            .collect(Collectors.joining());
    assertEquals(link(expected), compile(yaml, vars));
  }

  @Test
  void percentEncodingIsUtf8AndKeepsUnreserved() {
    assertEquals(
        "AZaz09-._~%20%2F%3F%23%26%3D%2B%25%C3%A9%F0%9F%8E%89",
        PercentEncoding.encode("AZaz09-._~ /?#&=+%é🎉"));
  }

  @Test
  void templateParameterFromIntegerVariableIsAJsonNumber() {
    String yaml =
        """
        chirp: 1
        id: t
        variables:
          points: { type: integer, minimum: 0, maximum: 100000 }
          name: { type: string, maxLength: 40 }
        template:
          projectId: 7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36
          locale: en
          parameters:
            points: "{{points}}"
            name: "{{name}}"
        """;
    assertEquals(
        RECEIVER
            + "\"template\":{\"projectId\":\"7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36\","
            + "\"version\":\"latest\",\"locale\":\"en\",\"parameters\":["
            + "{\"type\":\"number\",\"key\":\"points\",\"value\":1250},"
            + "{\"type\":\"string\",\"key\":\"name\",\"value\":\"Ada\"}]}}",
        compile(yaml, Map.of("points", 1250L, "name", "Ada")));
  }
}
