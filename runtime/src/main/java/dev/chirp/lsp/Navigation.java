package dev.chirp.lsp;

import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SymbolKind;

/** Go to a variable's declaration; the document's outline of variables and examples. */
final class Navigation {
  private Navigation() {}

  /** Where the variable used at {@code p} is declared. */
  static Optional<Location> definition(Documents.Doc doc, Position p, Positions pos) {
    SourceFile source = doc.source();
    return Variables.at(source.line(p.getLine() + 1), pos.index(source, p))
        .flatMap(use -> Variables.declaration(Variables.load(doc), use.name()))
        .map(e -> new Location(doc.uri(), pos.range(source, e.key().span())));
  }

  /** The variables (with their types) and the examples, as the editor's outline. */
  static List<DocumentSymbol> symbols(Documents.Doc doc, Positions pos) {
    SourceFile source = doc.source();
    LoadedFile loaded = Variables.load(doc);
    List<DocumentSymbol> out = new ArrayList<>();
    for (YMap.Entry e : Variables.declared(loaded)) {
      String type =
          e.value() instanceof YMap m
              ? m.get("type").map(t -> ((YScalar) t).asText()).orElse("string")
              : "string";
      out.add(
          new DocumentSymbol(
              e.name(),
              SymbolKind.Variable,
              pos.range(source, union(e)),
              pos.range(source, e.key().span()),
              type));
    }
    Optional<YNode> examples = loaded.root().flatMap(r -> r.get("examples"));
    if (examples.isPresent() && examples.get() instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YMap m && m.get("name").orElse(null) instanceof YScalar name) {
          out.add(
              new DocumentSymbol(
                  name.asText(),
                  SymbolKind.Object,
                  pos.range(source, m.span()),
                  pos.range(source, name.span()),
                  "example"));
        }
      }
    }
    return out;
  }

  private static Span union(YMap.Entry e) {
    var k = e.key().span();
    var v = e.value().span();
    return new Span(k.line(), k.column(), v.endLine(), v.endColumn());
  }
}
