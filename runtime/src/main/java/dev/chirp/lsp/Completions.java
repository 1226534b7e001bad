package dev.chirp.lsp;

import dev.chirp.diag.SourceFile;
import dev.chirp.yaml.YMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Completion: the variables a spec declares inside {@code {{ }}}, and elsewhere the keys the JSON
 * Schema allows in the mapping at the cursor, less those already written there.
 */
final class Completions {
  private Completions() {}

  static List<CompletionItem> complete(
      Documents.Doc doc, Position p, Positions pos, List<String> lastVariables) {
    SourceFile source = doc.source();
    String line = source.line(p.getLine() + 1);
    int index = pos.index(source, p);
    String before = line.substring(0, index);
    int open = before.lastIndexOf("{{");
    if (open >= 0 && before.indexOf("}}", open) < 0) {
      String typed = before.substring(open + 2).replaceFirst("^\\s*[#^/&]?\\s*", "");
      if (!typed.matches("[A-Za-z0-9_]*")) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      Variables.declared(Variables.load(doc)).forEach(e -> names.add(e.name()));
      if (names.isEmpty()) {
        names.addAll(lastVariables);
      }
      List<CompletionItem> out = new ArrayList<>();
      for (String n : names) {
        if (n.startsWith(typed)) {
          CompletionItem item = new CompletionItem(n);
          item.setKind(CompletionItemKind.Variable);
          out.add(item);
        }
      }
      return out;
    }
    Optional<KeyPath.At> at = KeyPath.at(source, p.getLine(), index);
    if (at.isEmpty()) {
      return List.of();
    }
    Map<String, String> keys = SchemaKeys.of(doc.path()).keys(at.get().container());
    Set<String> present = siblings(source, p.getLine(), at.get());
    List<CompletionItem> out = new ArrayList<>();
    for (var e : keys.entrySet()) {
      if (present.contains(e.getKey()) || !e.getKey().startsWith(at.get().key())) {
        continue;
      }
      CompletionItem item = new CompletionItem(e.getKey());
      item.setKind(CompletionItemKind.Property);
      if (e.getValue() != null) {
        item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, e.getValue()));
      }
      out.add(item);
    }
    return out;
  }

  /**
   * The keys already written in the cursor's mapping (not the one being typed): the other keys of
   * its flow mapping, or the block keys at its column down to where the mapping (or list item)
   * starts and ends.
   */
  private static Set<String> siblings(SourceFile source, int line, KeyPath.At at) {
    Set<String> out = new HashSet<>();
    String text = source.line(line + 1);
    KeyPath.Line here = KeyPath.parse(text);
    int col = at.keyStart();
    if (here.key() != null && col > here.keyColumn()) {
      var m = Pattern.compile("[{,]\\s*([A-Za-z_$][A-Za-z0-9_.$-]*)\\s*:").matcher(text);
      while (m.find()) {
        if (m.start(1) != col) {
          out.add(m.group(1));
        }
      }
      return out;
    }
    boolean itemStart = !here.dashes().isEmpty() && here.dashes().get(0) < col;
    for (int n = line - 1; n >= 0 && !itemStart; n--) {
      KeyPath.Line l = KeyPath.parse(source.line(n + 1));
      if (l.indent() < 0) {
        continue;
      }
      if (l.key() != null && l.keyColumn() == col) {
        out.add(l.key());
        if (!l.dashes().isEmpty()) {
          break;
        }
      } else if (first(l) < col) {
        break;
      }
    }
    for (int n = line + 1; n < source.lineCount(); n++) {
      KeyPath.Line l = KeyPath.parse(source.line(n + 1));
      if (l.indent() < 0) {
        continue;
      }
      if (first(l) < col && (l.key() == null || l.keyColumn() != col)) {
        break;
      }
      if (l.key() != null && l.keyColumn() == col) {
        if (!l.dashes().isEmpty()) {
          break;
        }
        out.add(l.key());
      }
    }
    return out;
  }

  /** The column a line's content starts at. */
  private static int first(KeyPath.Line l) {
    return l.dashes().isEmpty() ? l.indent() : l.dashes().get(0);
  }

  /** The names declared under {@code variables:}, for when the text does not parse. */
  static List<String> names(Documents.Doc doc) {
    return Variables.declared(Variables.load(doc)).stream().map(YMap.Entry::name).toList();
  }
}
