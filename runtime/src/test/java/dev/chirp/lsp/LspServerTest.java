package dev.chirp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chirp lsp in this process, driven by an LSP4J client over piped streams. */
class LspServerTest {
  @TempDir Path dir;

  /** A spec with two mistakes, the second after an emoji with a skin tone (two astral chars). */
  static final String GREETING =
      """
      chirp: 1
      id: greeting
      variables:
        name: { type: string, maxLength: 40, example: Ada }
        note: { type: string, maxLength: 10, example: hi }
      message:
        text: "👋🏽 Hi {{nmae}}, {{name}}!"
      """;

  static final String TYPO =
      """
      chirp: 1
      id: typo
      message:
        txt: Hello
        previewUrl: true
      """;

  Path greeting;

  @BeforeEach
  void catalog() throws Exception {
    Files.writeString(dir.resolve("chirp.yaml"), "chirp: 1\n");
    greeting = dir.resolve("greeting.yaml");
    Files.writeString(greeting, GREETING);
  }

  @Test
  void initializeNamesTheServerAndAgreesOnUtf16ByDefault() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      assertEquals("chirp", h.initialized.getServerInfo().getName());
      assertEquals("utf-16", h.initialized.getCapabilities().getPositionEncoding());
    }
  }

  @Test
  void publishesTheGoldenSpecsDiagnosticsWithExactRangesCodesAndMessages() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      // UTF-16: `{{nmae}}` starts at code point 15 of the line, char 17 (two astral symbols).
      assertEquals(
          List.of(
              "4:2-4:6 Warning var-unused [chirp]: variable `note` is declared but never used",
              "6:17-6:25 Error var-undeclared [chirp]: variable `nmae` is not declared\n"
                  + "help: did you mean `name`?"),
          h.lines(greeting, 1));
    }
  }

  @Test
  void positionsAfterEmojiInUtf32AndUtf8WhenTheClientOffersThem() throws Exception {
    try (LspHarness h = new LspHarness(List.of("utf-32", "utf-16"))) {
      assertEquals("utf-32", h.initialized.getCapabilities().getPositionEncoding());
      h.open(greeting);
      assertEquals("6:15-6:23 Error var-undeclared", h.lines(greeting, 1).get(1).substring(0, 30));
    }
    try (LspHarness h = new LspHarness(List.of("utf-8"))) {
      assertEquals("utf-8", h.initialized.getCapabilities().getPositionEncoding());
      h.open(greeting);
      // 👋 and 🏽 are four bytes each.
      assertEquals("6:21-6:29 Error var-undeclared", h.lines(greeting, 1).get(1).substring(0, 30));
    }
  }

  @Test
  void aSchemaTypoComesWithItsDidYouMeanAsACodeAction() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, TYPO);
    try (LspHarness h = new LspHarness(null)) {
      h.open(typo);
      assertEquals(
          List.of(
              "3:2-3:5 Error schema-unknown-key [chirp]: unknown key `txt` in `message`\n"
                  + "help: did you mean `text`?"),
          h.lines(typo, 1));
      var actions = actions(h, typo, new Range(new Position(3, 3), new Position(3, 3)));
      assertEquals(List.of("Change to `text`: 3:2-3:5 \"text\""), actions);
    }
  }

  @Test
  void anIdUsedByTwoFilesOfTheCatalogIsReportedOnEach() throws Exception {
    Path one = dir.resolve("one/welcome.yaml");
    Path two = dir.resolve("two/welcome.yaml");
    Files.createDirectories(one.getParent());
    Files.createDirectories(two.getParent());
    Files.writeString(one, "chirp: 1\nid: welcome\nmessage:\n  text: Welcome\n");
    Files.writeString(two, "chirp: 1\nid: welcome\nmessage:\n  text: Hello\n");
    try (LspHarness h = new LspHarness(null)) {
      h.open(one);
      assertEquals(
          List.of(
              "1:4-1:11 Error id-duplicate [chirp]: spec id `welcome` is also used by"
                  + " two/welcome.yaml"),
          h.lines(one, 1));
      // Renamed in the editor, not on disk: the catalog is checked with the open text.
      change(h, one, 2, "chirp: 1\nid: welcome-back\nmessage:\n  text: Welcome\n");
      assertEquals(
          List.of(
              "1:4-1:16 Error id-mismatch [chirp]: spec id `welcome-back` does not match the"
                  + " file name welcome.yaml\n"
                  + "help: name the file welcome-back.yaml, or set id: welcome"),
          h.lines(one, 2));
    }
  }

  @Test
  void changesAreCheckedFromTheEditorsTextNotTheDisk() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      h.lines(greeting, 1);
      String fixed = GREETING.replace("{{nmae}}", "{{name}}");
      change(h, greeting, 2, fixed.replace("{{name}}, ", "{{"));
      change(h, greeting, 3, fixed.replace("{{name}}, ", "{{na"));
      change(h, greeting, 4, fixed);
      // Each edit is checked at once unless a check is running (then the edits made meanwhile are
      // checked together, DiagnosticsTest): versions 2 and 3 may be published before 4.
      assertEquals(
          List.of("4:2-4:6 Warning var-unused [chirp]: variable `note` is declared but never used"),
          h.lines(greeting, 4));
      assertEquals(GREETING, Files.readString(greeting));
    }
  }

  @Test
  void aChangeToChirpYamlOrAPartialRechecksTheOpenSpecs() throws Exception {
    Path hello = dir.resolve("hello.en.yaml");
    Files.writeString(
        hello,
        "chirp: 1\nid: hello\nlocale: en\nvariables:\n  name: { type: string, maxLength: 20,"
            + " example: Ada }\nmessage:\n  text: \"Hello {{name}}{{> signoff}}\"\n");
    Path partial = dir.resolve("partials/signoff.mustache");
    Files.createDirectories(partial.getParent());
    Files.writeString(partial, " -- the team");
    Path catalog = dir.resolve("chirp.yaml");
    try (LspHarness h = new LspHarness(null)) {
      h.open(hello);
      assertEquals(List.of(), h.lines(hello, 1));
      h.open(catalog);
      h.lines(hello, 1);
      change(h, catalog, 2, "chirp: 1\nlocales: [en, de]\n");
      assertEquals(
          List.of(
              "0:0-0:0 Error locale-missing [chirp]: spec `hello` has no de variant"
                  + " (hello.de.yaml); chirp.yaml declares locales en, de"),
          h.lines(hello, 1));
      change(h, catalog, 3, "chirp: 1\n");
      assertEquals(List.of(), h.lines(hello, 1));
      h.open(partial, " -- {{signer}}");
      assertEquals(
          List.of(
              "6:23-6:36 Error var-undeclared [chirp]: partial `signoff` uses variable `signer`,"
                  + " which is not declared\n"
                  + "help: declare it under `variables:`, e.g. signer: { type: string, maxLength:"
                  + " 40 }"),
          h.lines(hello, 1));
    }
  }

  @Test
  void hoverExplainsACodeShowsAVariablesDeclarationAndAKeysDescription() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      h.lines(greeting, 1);
      assertEquals(
          "var-unused (warning by default): a declared variable is never used\n\n"
              + "The variable is declared but no string of the spec (or of a partial it includes)"
              + " uses it. Remove the declaration, or use it. @4:2-4:6",
          hover(h, 4, 3));
      assertEquals(
          "```yaml\nname: { type: string, maxLength: 40, example: Ada }\n``` @6:29-6:33",
          hover(h, 6, 30));
      assertEquals(
          "`type`: The value's type; every value is checked against it. @3:10-3:14",
          hover(h, 3, 12));
    }
  }

  @Test
  void completionOffersTheSchemasKeysHereAndTheDeclaredVariablesInATag() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      h.lines(greeting, 1);
      change(h, greeting, 2, GREETING.replace("  text: \"", "  pre\n  text: \""));
      assertEquals(List.of("previewUrl"), complete(h, 6, 5));
      change(h, greeting, 3, GREETING.replace("  text: \"", "  \n  text: \""));
      assertEquals(
          List.of("previewUrl", "actions", "images", "files", "location", "list", "cards"),
          complete(h, 6, 2));
      change(h, greeting, 4, GREETING.replace("{{name}}!\"", "{{ n"));
      assertEquals(List.of("name", "note"), complete(h, 6, 31));
      change(h, greeting, 5, GREETING.replace("{ type: string, maxLength: 10", "{ ty"));
      assertEquals(List.of("type"), complete(h, 4, 12));
    }
  }

  @Test
  void aWarningCanBeIgnoredByACodeActionThatWritesChirpIgnoreAboveIt() throws Exception {
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      h.lines(greeting, 1);
      assertEquals(
          List.of(
              "Ignore var-unused here (# chirp-ignore): 4:0-4:0 \"  # chirp-ignore var-unused: why"
                  + " this is fine\\n\""),
          actions(h, greeting, new Range(new Position(4, 3), new Position(4, 3))));
      change(
          h,
          greeting,
          2,
          GREETING.replace("  note:", "  # chirp-ignore var-unused: why this is fine\n  note:"));
      assertEquals(
          List.of(
              "7:17-7:25 Error var-undeclared [chirp]: variable `nmae` is not declared\n"
                  + "help: did you mean `name`?"),
          h.lines(greeting, 2));
    }
  }

  @Test
  void goToAVariablesDeclarationAndTheOutlineOfVariablesAndExamples() throws Exception {
    Files.writeString(
        greeting, GREETING + "examples:\n  - name: default\n    vars: { name: Ada }\n");
    try (LspHarness h = new LspHarness(null)) {
      h.open(greeting);
      h.lines(greeting, 1);
      TextDocumentService td = h.server.getTextDocumentService();
      var id = new TextDocumentIdentifier(LspHarness.uri(greeting));
      var def = td.definition(new DefinitionParams(id, new Position(6, 30))).get().getLeft();
      assertEquals(1, def.size());
      assertEquals("3:2-3:6", range(def.get(0).getRange()));
      List<String> symbols = new ArrayList<>();
      for (var s : td.documentSymbol(new DocumentSymbolParams(id)).get()) {
        symbols.add(
            s.getRight().getName()
                + " "
                + s.getRight().getKind()
                + " "
                + s.getRight().getDetail()
                + " "
                + range(s.getRight().getSelectionRange()));
      }
      assertEquals(
          List.of(
              "name Variable string 3:2-3:6",
              "note Variable string 4:2-4:6",
              "default Object example 8:10-8:17"),
          symbols);
    }
  }

  static void change(LspHarness h, Path file, int version, String text) {
    h.server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(LspHarness.uri(file), version),
                List.of(new TextDocumentContentChangeEvent(text))));
  }

  static String range(Range r) {
    return r.getStart().getLine()
        + ":"
        + r.getStart().getCharacter()
        + "-"
        + r.getEnd().getLine()
        + ":"
        + r.getEnd().getCharacter();
  }

  String hover(LspHarness h, int line, int character) throws Exception {
    var hv =
        h.server
            .getTextDocumentService()
            .hover(
                new HoverParams(
                    new TextDocumentIdentifier(LspHarness.uri(greeting)),
                    new Position(line, character)))
            .get();
    return hv.getContents().getRight().getValue() + " @" + range(hv.getRange());
  }

  List<String> complete(LspHarness h, int line, int character) throws Exception {
    return h
        .server
        .getTextDocumentService()
        .completion(
            new CompletionParams(
                new TextDocumentIdentifier(LspHarness.uri(greeting)),
                new Position(line, character)))
        .get()
        .getLeft()
        .stream()
        .map(CompletionItem::getLabel)
        .toList();
  }

  static List<String> actions(LspHarness h, Path file, Range range) throws Exception {
    List<Either<Command, CodeAction>> all =
        h.server
            .getTextDocumentService()
            .codeAction(
                new CodeActionParams(
                    new TextDocumentIdentifier(LspHarness.uri(file)),
                    range,
                    new CodeActionContext(List.of())))
            .get();
    List<String> out = new ArrayList<>();
    for (var a : all) {
      for (TextEdit e : a.getRight().getEdit().getChanges().get(LspHarness.uri(file))) {
        out.add(
            a.getRight().getTitle()
                + ": "
                + range(e.getRange())
                + " \""
                + e.getNewText().replace("\n", "\\n")
                + "\"");
      }
    }
    return out;
  }
}
