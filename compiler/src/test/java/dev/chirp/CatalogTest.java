package dev.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.emit.Media;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Action;
import dev.chirp.spec.Example;
import dev.chirp.spec.Message;
import dev.chirp.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example catalog in specs/: every spec is clean, every example compiles to exactly its
 * committed payload in specs/payloads/ID.EXAMPLE.json, and every payload is valid against the
 * Channels API request schema. Run with -Dchirp.updateGolden=true to rewrite the payload files
 * after an intended change, then review the diff.
 */
class CatalogTest {
  static final Path SPECS = Path.of("..", "specs");
  static final Path PAYLOADS = SPECS.resolve("payloads");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  @TestFactory
  Stream<DynamicTest> everyExampleCompilesToItsGoldenPayload() throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    Compiler compiler = new Compiler(CLOCK);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : SpecFiles.find(List.of(SPECS))) {
      String name = file.getFileName().toString();
      Checker.Checked checked = checker.check("specs/" + name, Files.readAllBytes(file));
      tests.add(
          DynamicTest.dynamicTest(
              name + " is clean",
              () -> {
                List<String> problems =
                    checked.diagnostics().stream()
                        .filter(d -> d.severity() != Severity.INFO)
                        .map(Diagnostic::headline)
                        .toList();
                assertEquals(List.of(), problems);
              }));
      if (checked.spec().isEmpty()) {
        continue;
      }
      Spec spec = checked.spec().get();
      assertFalse(spec.examples().isEmpty(), name + " has no examples");
      for (Example ex : spec.examples()) {
        Path golden = PAYLOADS.resolve(spec.id() + "." + ex.name() + ".json");
        tests.add(
            DynamicTest.dynamicTest(
                name + " example " + ex.name(),
                () -> {
                  Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
                  Compiler.Resolution r = compiler.resolve(spec, ex.values(), to);
                  assertTrue(r.ok(), () -> r.diagnostics().toString());
                  String actual = Payload.pretty(r.payload());
                  assertEquals(List.of(), BirdSchema.problems(r.payload()), "Bird schema");
                  // Same spec and values give the same bytes.
                  assertEquals(
                      actual, Payload.pretty(compiler.resolve(spec, ex.values(), to).payload()));
                  if (UPDATE) {
                    Files.createDirectories(PAYLOADS);
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                  }
                  assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyGoldenPayloadBelongsToAnExample() throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    List<String> expected = new ArrayList<>();
    for (Path file : SpecFiles.find(List.of(SPECS))) {
      checker
          .check("x", Files.readAllBytes(file))
          .spec()
          .ifPresent(
              s -> s.examples().forEach(e -> expected.add(s.id() + "." + e.name() + ".json")));
    }
    List<String> actual;
    try (Stream<Path> files = Files.list(PAYLOADS)) {
      actual = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(expected.stream().sorted().toList(), actual);
  }

  /**
   * Every request variant listed on Bird's "Sending WhatsApp messages" page (the seed page's list,
   * and its template examples: a text template with one variable, an image header, a URL button
   * suffix) has a spec of that shape in the catalog.
   */
  @Test
  void everyVariantOnBirdsWhatsAppPageHasASpec() throws IOException {
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("Text Message", "text-plain");
    variants.put("Text message with reply buttons", "text-reply-buttons");
    variants.put("Text message with postback actions", "text-postback-buttons");
    variants.put("Text message with reply and postback actions", "text-reply-and-postback");
    variants.put("Text message with location request", "text-location-request");
    variants.put("Single image message", "image-single");
    variants.put("Single image message with text", "image-with-text");
    variants.put("Multiple image message", "image-multiple");
    variants.put("Single image message with postback actions", "image-postback-actions");
    variants.put(
        "Single image message with label and reply actions", "image-alt-text-reply-actions");
    variants.put(
        "Single image message with label, postback and reply actions",
        "image-alt-text-postback-and-reply");
    variants.put(
        "Multiple images message with labels and postback actions",
        "image-multiple-postback-actions");
    variants.put("Multiple images message with reply actions", "image-multiple-reply-actions");
    variants.put(
        "Multiple images message with labels, postback and reply actions",
        "image-multiple-alt-text-postback-and-reply");
    variants.put("Single file message", "file-single");
    variants.put("Single file message with postback and reply actions", "file-postback-and-reply");
    variants.put("Multiple files message", "file-multiple");
    variants.put("Multiple files message with filename", "file-multiple-with-filename");
    variants.put(
        "Multiple files message with two postback actions and a reply action",
        "file-multiple-postbacks-and-reply");
    variants.put("Location", "location-pin");
    variants.put("List message without sections", "list-without-sections");
    variants.put("List message with sections", "list-with-sections");
    variants.put("List message with sections and custom button label", "list-custom-button");
    variants.put("Carousel (images)", "carousel-images");
    variants.put("Carousel (videos)", "carousel-videos");
    variants.put("ReplyTo with a text message", "reply-to-text");
    variants.put("ReplyTo with an image message", "reply-to-image");
    variants.put("ReplyTo with text message with postback actions", "reply-to-postback");
    variants.put("Template with a variable", "template-one-parameter");
    variants.put("Template with an image header", "template-image-header");
    variants.put("Template with a URL button variable", "template-url-button");

    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    Map<String, String> shapes = new LinkedHashMap<>();
    for (Path file : SpecFiles.find(List.of(SPECS))) {
      checker
          .check("specs/" + file.getFileName(), Files.readAllBytes(file))
          .spec()
          .ifPresent(s -> shapes.put(s.id(), shape(s)));
    }
    List<String> actual = new ArrayList<>();
    variants.forEach((variant, id) -> actual.add(variant + " -> " + id + ": " + shapes.get(id)));
    List<String> expected = new ArrayList<>();
    String[] want = {
      "text-plain: text",
      "text-reply-buttons: text + 3 reply",
      "text-postback-buttons: text + 3 postback",
      "text-reply-and-postback: text + 2 postback + 1 reply",
      "text-location-request: text + 1 locationRequest",
      "image-single: 1 image",
      "image-with-text: 1 image + text",
      "image-multiple: 2 images + text",
      "image-postback-actions: 1 image + text + 3 postback",
      "image-alt-text-reply-actions: 1 image with altText + text + 3 reply",
      "image-alt-text-postback-and-reply: 1 image with altText + text + 1 postback + 1 reply",
      "image-multiple-postback-actions: 2 images with altText + text + 2 postback",
      "image-multiple-reply-actions: 2 images + text + 3 reply",
      "image-multiple-alt-text-postback-and-reply: 2 images with altText + text + 2 postback + 1"
          + " reply",
      "file-single: 1 file",
      "file-postback-and-reply: 1 file with filename + text + 1 postback + 1 reply",
      "file-multiple: 2 files + text",
      "file-multiple-with-filename: 2 files with filename + text",
      "file-multiple-postbacks-and-reply: 2 files with filename + text + 2 postback + 1 reply",
      "location-pin: location",
      "list-without-sections: list without sections",
      "list-with-sections: list with sections",
      "list-custom-button: list with sections + button label",
      "carousel-images: carousel of 3 image cards",
      "carousel-videos: carousel of 3 video cards",
      "reply-to-text: text + replyTo",
      "reply-to-image: 1 image with altText + text + replyTo",
      "reply-to-postback: text + 3 postback + replyTo",
      "template-one-parameter: template with 1 parameter",
      "template-image-header: template with 3 parameters",
      "template-url-button: template with 2 parameters"
    };
    int i = 0;
    for (String variant : variants.keySet()) {
      expected.add(variant + " -> " + want[i++]);
    }
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  /** A spec's shape in Bird's terms: its kind, how many media, labels and actions of each type. */
  private static String shape(Spec s) {
    StringBuilder b = new StringBuilder();
    if (s.template() != null) {
      int n = s.template().parameters().size();
      b.append("template with ").append(n).append(n == 1 ? " parameter" : " parameters");
    } else if (s.message() instanceof Message.TextMessage t) {
      b.append("text").append(actions(t.actions()));
    } else if (s.message() instanceof Message.ImageMessage m) {
      int n = m.images().size();
      b.append(n).append(n == 1 ? " image" : " images");
      if (m.images().stream().allMatch(x -> x.altText() != null)) {
        b.append(" with altText");
      }
      b.append(m.text() != null ? " + text" : "").append(actions(m.actions()));
    } else if (s.message() instanceof Message.FileMessage m) {
      int n = m.files().size();
      b.append(n).append(n == 1 ? " file" : " files");
      if (m.files().stream().allMatch(x -> x.filename() != null)) {
        b.append(" with filename");
      }
      b.append(m.text() != null ? " + text" : "").append(actions(m.actions()));
    } else if (s.message() instanceof Message.LocationMessage) {
      b.append("location");
    } else if (s.message() instanceof Message.ListMessage l) {
      b.append(l.sectioned() ? "list with sections" : "list without sections");
      b.append(l.button() != null ? " + button label" : "");
    } else if (s.message() instanceof Message.CarouselMessage c) {
      String type = Media.typeOf(c.cards().get(0).media().value());
      b.append("carousel of ")
          .append(c.cards().size())
          .append(type != null && type.startsWith("video/") ? " video cards" : " image cards");
    }
    return b.append(s.replyTo() != null ? " + replyTo" : "").toString();
  }

  /** " + 2 postback + 1 reply": each action type with its count, in order of first use. */
  private static String actions(List<Action> actions) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Action a : actions) {
      String type =
          a instanceof Action.Reply
              ? "reply"
              : a instanceof Action.Postback
                  ? "postback"
                  : a instanceof Action.Link ? "link" : "locationRequest";
      counts.merge(type, 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    counts.forEach((type, n) -> b.append(" + ").append(n).append(' ').append(type));
    return b.toString();
  }

  @TestFactory
  Stream<DynamicTest> birdSchemaAcceptsValidAndRejectsInvalidFixtures() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path base = Path.of("..", "schema", "testdata", "bird");
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : List.of("valid", "invalid")) {
      try (Stream<Path> files = Files.list(base.resolve(kind))) {
        for (Path f : files.sorted().toList()) {
          tests.add(
              DynamicTest.dynamicTest(
                  kind + "/" + f.getFileName(),
                  () -> {
                    JsonNode payload = mapper.readTree(f.toFile());
                    List<String> problems = BirdSchema.problems(payload);
                    if (kind.equals("valid")) {
                      assertEquals(List.of(), problems);
                    } else {
                      assertFalse(problems.isEmpty(), "schema accepted " + f);
                    }
                  }));
        }
      }
    }
    return tests.stream();
  }
}
