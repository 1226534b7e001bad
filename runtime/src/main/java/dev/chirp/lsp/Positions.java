package dev.chirp.lsp;

import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Positions between chirp (1-based lines, columns in code points) and LSP (0-based lines, columns
 * in the units of the position encoding agreed at initialize: UTF-16 unless the client offers
 * UTF-32 or UTF-8).
 */
final class Positions {
  /** A position encoding of LSP 3.17, by its wire name. */
  enum Encoding {
    UTF16("utf-16"),
    UTF32("utf-32"),
    UTF8("utf-8");

    final String id;

    Encoding(String id) {
      this.id = id;
    }

    /**
     * The client's first offered encoding chirp knows (it lists them by preference), else UTF-16.
     */
    static Encoding negotiate(List<String> offered) {
      if (offered != null) {
        for (String o : offered) {
          for (Encoding e : values()) {
            if (e.id.equalsIgnoreCase(o)) {
              return e;
            }
          }
        }
      }
      return UTF16;
    }

    /** How many units of this encoding code point {@code cp} takes. */
    int units(int cp) {
      return switch (this) {
        case UTF16 -> Character.charCount(cp);
        case UTF32 -> 1;
        case UTF8 -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      };
    }
  }

  private final Encoding encoding;

  Positions(Encoding encoding) {
    this.encoding = encoding;
  }

  Encoding encoding() {
    return encoding;
  }

  /** The LSP range of a chirp span in {@code source}; columns past a line's end stay at its end. */
  Range range(SourceFile source, Span span) {
    return new Range(
        position(source, span.line(), span.column()),
        position(source, span.endLine(), span.endColumn()));
  }

  /** The LSP position of a 1-based line and code-point column. */
  Position position(SourceFile source, int line, int column) {
    String text = source.line(line);
    int units = 0;
    int at = 0;
    for (int c = 1; c < column && at < text.length(); c++) {
      int cp = text.codePointAt(at);
      units += encoding.units(cp);
      at += Character.charCount(cp);
    }
    return new Position(line - 1, units);
  }

  /** The 1-based code-point column of an LSP position's character on its line. */
  int column(SourceFile source, Position p) {
    String text = source.line(p.getLine() + 1);
    int units = 0;
    int at = 0;
    int column = 1;
    while (at < text.length()) {
      int cp = text.codePointAt(at);
      int u = encoding.units(cp);
      if (units + u > p.getCharacter()) {
        break;
      }
      units += u;
      at += Character.charCount(cp);
      column++;
    }
    return column;
  }

  /** The char index into {@code source.line(line+1)} of an LSP position. */
  int index(SourceFile source, Position p) {
    String text = source.line(p.getLine() + 1);
    return text.offsetByCodePoints(0, column(source, p) - 1);
  }
}
