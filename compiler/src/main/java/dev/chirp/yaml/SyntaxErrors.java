package dev.chirp.yaml;

import static dev.chirp.yaml.YamlLoader.MAX_ALIASES;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** SnakeYAML Engine's syntax errors as diagnostics that say what to fix, at the right place. */
final class SyntaxErrors {
  private SyntaxErrors() {}

  /** The diagnostic for a parser error in {@code source}. */
  static Diagnostic of(MarkedYamlEngineException e, SourceFile source) {
    String path = source.path();
    Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
    Span at = mark == null ? Span.START : Span.at(mark.getLine() + 1, mark.getColumn() + 1);
    String problem = e.getProblem() == null ? clean(e.getMessage()) : e.getProblem();
    String ctx = e.getContext() == null ? "" : e.getContext();
    if (ctx.startsWith("while scanning a quoted scalar") && e.getContextMark().isPresent()) {
      Mark cm = e.getContextMark().get();
      return Diagnostic.of(
              Code.YAML_SYNTAX,
              path,
              Span.at(cm.getLine() + 1, cm.getColumn() + 1),
              "unclosed quote: the quoted string that starts here never ends")
          .withFix("add the closing quote");
    }
    if (problem.startsWith("expected <block end>") || problem.contains("bad indentation")) {
      return Diagnostic.of(
              Code.YAML_SYNTAX,
              path,
              at,
              "bad indentation: this line does not line up with the keys or items above it")
          .withFix("indent it like its siblings, or under a key that ends with `:`");
    }
    if (problem.contains("'\\t'")
        || problem.contains("\\t(TAB)")
        || problem.contains("\t")
        || problem.contains("for indentation")) {
      // SnakeYAML marks where it gave up (the key after the tab, or a space after it), not the
      // tab: point at the first tab in the indentation of that line when there is one.
      Span tab = mark == null ? null : indentTab(source, mark.getLine() + 1);
      return Diagnostic.of(
              Code.YAML_TAB,
              path,
              tab != null ? tab : at,
              "tab character used for indentation; YAML needs spaces")
          .withFix("replace the tab with spaces");
    }
    String context = e.getContext();
    String msg = problem;
    if (context != null && !context.isBlank() && e.getContextMark().isPresent()) {
      Mark cm = e.getContextMark().get();
      msg = context + " (line " + (cm.getLine() + 1) + "): " + problem;
    }
    if (problem.startsWith("Number of aliases")) {
      return Diagnostic.of(
          Code.YAML_ALIAS_LIMIT,
          path,
          at,
          "more than " + MAX_ALIASES + " aliases; a spec may use at most " + MAX_ALIASES);
    }
    return Diagnostic.of(Code.YAML_SYNTAX, path, at, clean(msg));
  }

  /**
   * The position of the first tab in the indentation (the leading spaces and tabs) of 1-based
   * {@code line}, or null when its indentation has none.
   */
  private static Span indentTab(SourceFile source, int line) {
    String text = source.line(line);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        return Span.at(line, i + 1); // the indentation is ASCII: one char, one column
      }
      if (c != ' ') {
        return null;
      }
    }
    return null;
  }

  /** The first line of a parser message, or a general one when there is none. */
  static String clean(String s) {
    if (s == null) {
      return "the YAML cannot be parsed";
    }
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).trim();
  }
}
