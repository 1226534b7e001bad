package dev.chirp.lsp;

import dev.chirp.diag.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in a YAML document's mappings a place is, read from the text's indentation (so it works
 * while the text does not parse, as it does not half-way through typing): a path of keys, with
 * {@code []} for a list item. Block style, and one flow mapping on a line ({@code name: { type:
 * string }}).
 */
final class KeyPath {
  private KeyPath() {}

  /** One line: its indentation, the columns of its list dashes, and its key, if any. */
  record Line(int indent, List<Integer> dashes, String key, int keyColumn) {
    boolean blank() {
      return key == null && dashes.isEmpty() && indent < 0;
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^( *)((?:-(?: +|$))*)(?:([A-Za-z_$][A-Za-z0-9_.$-]*)\\s*:(?:\\s|$))?");

  /** The structure of one line (0-based column numbers); blank for empty and comment lines. */
  static Line parse(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.startsWith("#")) {
      return new Line(-1, List.of(), null, -1);
    }
    Matcher m = LINE.matcher(text);
    m.find();
    int indent = m.group(1).length();
    List<Integer> dashes = new ArrayList<>();
    String d = m.group(2);
    for (int i = 0; i < d.length(); i++) {
      if (d.charAt(i) == '-') {
        dashes.add(indent + i);
      }
    }
    int keyColumn = indent + d.length();
    return new Line(indent, dashes, m.group(3), m.group(3) == null ? -1 : keyColumn);
  }

  /**
   * The path of the mapping whose keys stand at {@code column} on 0-based line {@code line}, with
   * {@code dashes} the list dashes before that column on the line itself.
   */
  static List<String> container(SourceFile source, int line, int column, List<Integer> dashes) {
    Walk w = new Walk(column);
    w.dashes(dashes);
    for (int n = line - 1; n >= 0 && !(w.target == 0 && !w.seq); n--) {
      Line l = parse(source.line(n + 1));
      if (l.indent() < 0) {
        continue;
      }
      int lastDash = l.dashes().isEmpty() ? -1 : l.dashes().get(l.dashes().size() - 1);
      if (!w.seq && l.key() != null && l.keyColumn() == w.target && lastDash >= 0) {
        // A sibling key that starts this list item.
        w.dashes(l.dashes());
      } else if (l.key() != null
          && (w.seq
              ? l.keyColumn() <= w.target && !l.dashes().contains(w.target)
              : l.keyColumn() < w.target)) {
        // The key that holds this mapping or list.
        w.path.add(l.key());
        w.target = l.keyColumn();
        w.seq = false;
        w.dashes(l.dashes());
      } else if (l.key() == null && lastDash >= 0 && lastDash < w.target) {
        w.dashes(l.dashes());
      }
    }
    Collections.reverse(w.path);
    return w.path;
  }

  /** The state of a walk up the lines: the path so far (leaf first), and the column it is at. */
  private static final class Walk {
    final List<String> path = new ArrayList<>();
    int target;
    boolean seq;

    Walk(int target) {
      this.target = target;
    }

    /** The dashes left of the column: each makes what is right of it a list item. */
    void dashes(List<Integer> dashes) {
      for (int i = dashes.size() - 1; i >= 0; i--) {
        if (dashes.get(i) < target) {
          path.add("[]");
          target = dashes.get(i);
          seq = true;
        }
      }
    }
  }

  /** The place a cursor is at: the path of its mapping, and the key it is on or is typing. */
  record At(List<String> container, String key, int keyStart, int keyEnd) {}

  private static final Pattern FLOW_KEY = Pattern.compile("[{,]\\s*([A-Za-z_$][A-Za-z0-9_.$-]*)?$");

  /**
   * Where the cursor (0-based line, char index {@code index} into the line) is: on or typing a key
   * of a block mapping, or of one flow mapping on the line. Empty elsewhere (in a value).
   */
  static Optional<At> at(SourceFile source, int line, int index) {
    String text = source.line(line + 1);
    Line l = parse(text);
    // A flow mapping: the key before the `{` the cursor is inside holds it.
    int brace = openBrace(text, index);
    if (brace >= 0 && l.key() != null && brace > l.keyColumn()) {
      int wordEnd = index;
      while (wordEnd < text.length() && isKeyChar(text.charAt(wordEnd))) {
        wordEnd++;
      }
      Matcher m = FLOW_KEY.matcher(text.substring(brace, wordEnd));
      if (m.find()) {
        List<String> c = new ArrayList<>(container(source, line, l.keyColumn(), l.dashes()));
        c.add(l.key());
        String key = m.group(1) == null ? "" : m.group(1);
        return Optional.of(new At(c, key, wordEnd - key.length(), wordEnd));
      }
      return Optional.empty();
    }
    if (l.key() != null && index >= l.keyColumn() && index <= l.keyColumn() + l.key().length()) {
      return Optional.of(
          new At(
              container(source, line, l.keyColumn(), l.dashes()),
              l.key(),
              l.keyColumn(),
              l.keyColumn() + l.key().length()));
    }
    // Typing a new key: only spaces, dashes and a word before the cursor.
    Matcher m =
        Pattern.compile("^( *)((?:- +)*)([A-Za-z_$][A-Za-z0-9_.$-]*)?$")
            .matcher(text.substring(0, Math.min(index, text.length())));
    if (m.find()) {
      Line typed = parse(m.group(1) + m.group(2) + "x:");
      String word = m.group(3) == null ? "" : m.group(3);
      int col = m.group(1).length() + m.group(2).length();
      return Optional.of(
          new At(container(source, line, col, typed.dashes()), word, col, col + word.length()));
    }
    return Optional.empty();
  }

  /** The index of the flow mapping's `{` that is open at {@code index}, or -1. */
  private static int openBrace(String text, int index) {
    ArrayDeque<Integer> open = new ArrayDeque<>();
    int end = Math.min(index, text.length());
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (text.startsWith("{{", i)) {
        int close = text.indexOf("}}", i + 2);
        if (close < 0 || close >= end) {
          return -1;
        }
        i = close + 1;
      } else if (c == '"' || c == '\'') {
        int close = text.indexOf(c, i + 1);
        if (close < 0 || close >= end) {
          return -1;
        }
        i = close;
      } else if (c == '#' && (i == 0 || text.charAt(i - 1) == ' ')) {
        return -1;
      } else if (c == '{') {
        open.push(i);
      } else if (c == '}' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peek();
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$';
  }
}
