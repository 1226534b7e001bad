package dev.chirp.yaml;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * Reads a spec file into a {@link YNode} tree with positions, under hard limits.
 *
 * <p>The tree is built from SnakeYAML Engine's event stream with an explicit stack, so no input can
 * overflow the Java stack; sizes, depth, aliases and expanded nodes are all capped, so every input
 * finishes in bounded time and memory. Every problem becomes a {@link Diagnostic}; this class never
 * throws for bad input.
 */
public final class YamlLoader {
  /** Largest file accepted, in bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Deepest nesting of mappings and lists accepted. */
  public static final int MAX_DEPTH = 64;

  /** Most alias uses (`*name`) accepted in one file. */
  public static final int MAX_ALIASES = 50;

  /** Most nodes the tree may hold once aliases are counted as copies. */
  public static final int MAX_NODES = 100_000;

  private static final CoreScalarResolver RESOLVER = new CoreScalarResolver(true);

  // The loader's default schema, made once: each new one builds its resolvers' tables again, a
  // cost paid per file otherwise. It is read-only after construction.
  private static final org.snakeyaml.engine.v2.schema.Schema YAML_SCHEMA =
      new org.snakeyaml.engine.v2.schema.JsonSchema();

  private YamlLoader() {}

  /** Loads {@code bytes} read from the file shown as {@code path}. */
  public static LoadedFile load(String path, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return fail(
          new SourceFile(path, ""),
          Diagnostic.of(
              Code.FILE_TOO_LARGE,
              path,
              Span.START,
              String.format(
                  java.util.Locale.ROOT,
                  "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                  bytes.length,
                  MAX_BYTES)));
    }
    String text;
    try {
      text = decode(bytes);
    } catch (BadByte bad) {
      SourceFile partial = new SourceFile(path, bad.prefix);
      Span at = endOf(bad.prefix);
      return fail(
          partial,
          Diagnostic.of(
              Code.FILE_ENCODING,
              path,
              at,
              String.format(
                  java.util.Locale.ROOT,
                  "invalid UTF-8 byte 0x%02X at byte offset %,d; save the file as UTF-8",
                  bytes[bad.offset] & 0xff,
                  bad.offset)));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    SourceFile source = new SourceFile(path, text);
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return fail(
          source,
          Diagnostic.of(
              Code.FILE_NUL,
              path,
              endOf(text.substring(0, nul)),
              "NUL byte (U+0000) in the file; is it binary or UTF-16? Save it as UTF-8 text"));
    }
    return new Builder(source).build();
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static LoadedFile fail(SourceFile source, Diagnostic d) {
    return new LoadedFile(source, Optional.empty(), List.of(d));
  }

  /** The 1-based position just after {@code prefix}. */
  static Span endOf(String prefix) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= prefix.length() || prefix.charAt(i + 1) != '\n'))) {
        line++;
        col = 1;
      } else if (c != '\r' && !Character.isLowSurrogate(c)) {
        col++;
      }
    }
    return Span.at(line, col);
  }

  private static final class BadByte extends Exception {
    final int offset;
    final String prefix;

    BadByte(int offset, String prefix) {
      super(null, null, false, false);
      this.offset = offset;
      this.prefix = prefix;
    }
  }

  private static String decode(byte[] bytes) throws BadByte {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      out.flip();
      throw new BadByte(in.position(), out.toString());
    }
    r = dec.flush(out);
    out.flip();
    return out.toString();
  }

  /** Turns the event stream into a tree; one instance per file. */
  private static final class Builder {
    private final SourceFile source;
    private final String path;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, YNode> anchors = new HashMap<>();
    private final Map<YNode, Integer> sizes = new IdentityHashMap<>();
    private int aliases;
    private long nodes;

    Builder(SourceFile source) {
      this.source = source;
      this.path = source.path();
    }

    /** A collection being built. */
    private static final class Frame {
      final CollectionStartEvent start;
      final boolean mapping;
      final List<YNode> items = new ArrayList<>();
      final List<YMap.Entry> entries = new ArrayList<>();
      final Map<String, YScalar> seenKeys = new HashMap<>();
      YScalar pendingKey;
      boolean skipValue;
      boolean keyExpected = true;
      int size = 1;

      Frame(CollectionStartEvent start, boolean mapping) {
        this.start = start;
        this.mapping = mapping;
      }
    }

    LoadedFile build() {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(path)
              .setUseMarks(true)
              .setAllowDuplicateKeys(true) // reported by us, with both positions
              .setMaxAliasesForCollections(MAX_ALIASES)
              .setCodePointLimit(MAX_BYTES + 1)
              .setSchema(YAML_SCHEMA)
              .build();
      Deque<Frame> stack = new ArrayDeque<>();
      YNode root = null;
      int documents = 0;
      try {
        for (Event event : new Parse(settings).parseString(source.text())) {
          switch (event.getEventId()) {
            case DocumentStart -> {
              documents++;
              if (documents > 1) {
                diagnostics.add(
                    Diagnostic.of(
                            Code.YAML_MULTI_DOCUMENT,
                            path,
                            span(event),
                            "a second YAML document starts here; a file holds one spec")
                        .withFix("move it into its own file"));
                return done(root);
              }
            }
            case MappingStart, SequenceStart -> {
              CollectionStartEvent start = (CollectionStartEvent) event;
              checkTag(start.getTag(), start);
              if (stack.size() >= MAX_DEPTH) {
                diagnostics.add(
                    Diagnostic.of(
                        Code.YAML_DEPTH,
                        path,
                        span(event),
                        "nesting deeper than " + MAX_DEPTH + " levels"));
                return done(null);
              }
              if (!stack.isEmpty() && stack.peek().mapping && stack.peek().keyExpected) {
                diagnostics.add(
                    Diagnostic.of(
                        Code.YAML_KEY,
                        path,
                        span(event),
                        "a "
                            + (start.getEventId() == Event.ID.MappingStart ? "mapping" : "list")
                            + " is used as a key; keys must be plain names"));
                return done(null);
              }
              nodes++;
              stack.push(new Frame(start, event.getEventId() == Event.ID.MappingStart));
            }
            case MappingEnd, SequenceEnd -> {
              Frame f = stack.pop();
              Span s = spanBetween(f.start, event);
              YNode node = f.mapping ? new YMap(f.entries, s) : new YSeq(f.items, s);
              sizes.put(node, f.size);
              anchor(f.start, node);
              if (stack.isEmpty()) {
                root = node;
              } else {
                add(stack.peek(), node, f.size);
              }
            }
            case Scalar -> {
              ScalarEvent se = (ScalarEvent) event;
              YScalar node = scalar(se);
              nodes++;
              anchor(se, node);
              if (stack.isEmpty()) {
                root = node;
              } else {
                add(stack.peek(), node, 1);
              }
            }
            case Alias -> {
              AliasEvent ae = (AliasEvent) event;
              String name = ae.getAlias().getValue();
              YNode target = anchors.get(name);
              if (target == null) {
                diagnostics.add(
                    Diagnostic.of(
                        Code.YAML_SYNTAX,
                        path,
                        span(event),
                        "alias *" + name + " refers to no anchor defined before it"));
                return done(null);
              }
              if (++aliases > MAX_ALIASES) {
                diagnostics.add(
                    Diagnostic.of(
                        Code.YAML_ALIAS_LIMIT,
                        path,
                        span(event),
                        "more than "
                            + MAX_ALIASES
                            + " aliases; a spec may use at most "
                            + MAX_ALIASES));
                return done(null);
              }
              if (!(target instanceof YScalar)
                  && !stack.isEmpty()
                  && stack.peek().mapping
                  && stack.peek().keyExpected) {
                // A collection start used as a key is refused above; an alias to one is too.
                diagnostics.add(
                    Diagnostic.of(
                        Code.YAML_KEY,
                        path,
                        span(event),
                        "alias *"
                            + name
                            + " to a "
                            + (target instanceof YMap ? "mapping" : "list")
                            + " is used as a key; keys must be plain names"));
                return done(null);
              }
              int size = sizes.getOrDefault(target, 1);
              nodes += size;
              if (stack.isEmpty()) {
                root = target;
              } else {
                add(stack.peek(), target, size);
              }
            }
            default -> {}
          }
          if (nodes > MAX_NODES) {
            diagnostics.add(
                Diagnostic.of(
                    Code.YAML_ALIAS_LIMIT,
                    path,
                    span(event),
                    String.format(
                        java.util.Locale.ROOT,
                        "the document expands to more than %,d nodes through aliases",
                        MAX_NODES)));
            return done(null);
          }
        }
      } catch (MarkedYamlEngineException e) {
        diagnostics.add(syntax(e));
        return done(null);
      } catch (YamlEngineException e) {
        diagnostics.add(Diagnostic.of(Code.YAML_SYNTAX, path, Span.START, clean(e.getMessage())));
        return done(null);
      }
      if (documents == 0 || root == null || isNull(root)) {
        diagnostics.add(
            Diagnostic.of(
                Code.FILE_EMPTY,
                path,
                Span.START,
                "the file holds no spec; a spec needs `chirp`, `id` and a `message` or"
                    + " `template`"));
        return done(null);
      }
      return done(root);
    }

    private static boolean isNull(YNode n) {
      return n instanceof YScalar s && s.value() == null && s.text().isEmpty();
    }

    private LoadedFile done(YNode root) {
      if (root != null && !(root instanceof YMap) && diagnostics.isEmpty()) {
        diagnostics.add(
            Diagnostic.of(
                Code.YAML_NOT_MAPPING,
                path,
                root.span(),
                "the top level is a "
                    + root.kindWord()
                    + "; a spec is a mapping with keys such as `chirp`, `id` and `message`"));
      }
      boolean ok =
          diagnostics.stream().noneMatch(d -> d.severity() == dev.chirp.diag.Severity.ERROR);
      return new LoadedFile(
          source, ok && root instanceof YMap m ? Optional.of(m) : Optional.empty(), diagnostics);
    }

    private void add(Frame f, YNode node, int size) {
      f.size += size;
      if (!f.mapping) {
        f.items.add(node);
        return;
      }
      if (f.keyExpected) {
        f.keyExpected = false;
        YScalar key = (YScalar) node; // collections as keys were refused at their start
        f.skipValue = false;
        if (!key.isString() || (!key.quoted() && key.text().equals("<<"))) {
          String why =
              key.text().equals("<<")
                  ? "merge keys (`<<`) are not supported; write the keys out"
                  : "key `"
                      + key.text()
                      + "` is "
                      + article(key.kindWord())
                      + "; keys must be names, quote it if it is meant as text";
          diagnostics.add(Diagnostic.of(Code.YAML_KEY, path, key.span(), why));
          f.skipValue = true;
        } else {
          YScalar first = f.seenKeys.get(key.asText());
          if (first != null) {
            diagnostics.add(
                Diagnostic.of(
                        Code.YAML_DUPLICATE_KEY,
                        path,
                        key.span(),
                        "duplicate key `"
                            + key.asText()
                            + "`; it is already set at line "
                            + first.span().line())
                    .withFix("remove one of the two"));
            f.skipValue = true;
          } else {
            f.seenKeys.put(key.asText(), key);
          }
        }
        f.pendingKey = key;
      } else {
        if (!f.skipValue) {
          f.entries.add(new YMap.Entry(f.pendingKey, node));
        }
        f.keyExpected = true;
        f.pendingKey = null;
      }
    }

    private static String article(String word) {
      return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private void anchor(NodeEvent event, YNode node) {
      event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
    }

    private static final java.util.Set<String> CORE_TAGS =
        java.util.Set.of(
            Tag.STR.getValue(),
            Tag.INT.getValue(),
            Tag.FLOAT.getValue(),
            Tag.BOOL.getValue(),
            Tag.NULL.getValue(),
            Tag.MAP.getValue(),
            Tag.SEQ.getValue());

    private void checkTag(Optional<String> tag, Event event) {
      if (tag.isPresent() && !CORE_TAGS.contains(tag.get()) && !tag.get().equals("!")) {
        diagnostics.add(
            Diagnostic.of(
                    Code.YAML_TAG,
                    path,
                    span(event),
                    "tag `" + shortTag(tag.get()) + "` is not allowed in a spec")
                .withFix("remove the tag; quote the value if it must stay a string"));
      }
    }

    private static String shortTag(String tag) {
      return tag.startsWith("tag:yaml.org,2002:")
          ? "!!" + tag.substring("tag:yaml.org,2002:".length())
          : tag;
    }

    private YScalar scalar(ScalarEvent e) {
      checkTag(e.getTag(), e);
      String text = e.getValue();
      Span s = span(e);
      int lone = loneSurrogate(text);
      if (lone >= 0) {
        // Only an escape can make one ("\uD800"); it has no UTF-8 form, so it could not be sent.
        diagnostics.add(
            Diagnostic.of(
                    Code.FILE_ENCODING,
                    path,
                    s,
                    String.format(
                        java.util.Locale.ROOT,
                        "the value holds a lone surrogate U+%04X (an escape of half a character);"
                            + " it has no UTF-8 form and cannot be sent",
                        (int) text.charAt(lone)))
                .withFix("escape the whole character, e.g. \\U0001F600, or write it as it is"));
      }
      boolean quoted = !e.isPlain();
      String tag;
      if (e.getTag().isPresent() && CORE_TAGS.contains(e.getTag().get())) {
        tag = e.getTag().get();
      } else if (e.isPlain() && e.getTag().isEmpty()) {
        tag = RESOLVER.resolve(text, true).getValue();
      } else {
        tag = Tag.STR.getValue();
      }
      Object value = text;
      if (tag.equals(Tag.NULL.getValue())) {
        value = null;
      } else if (tag.equals(Tag.BOOL.getValue())) {
        value = Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT).equals("true"));
      } else if (tag.equals(Tag.INT.getValue())) {
        value = parseInt(text);
      } else if (tag.equals(Tag.FLOAT.getValue())) {
        value = parseFloat(text);
      }
      if (value == null && !tag.equals(Tag.NULL.getValue())) {
        value = text; // a !!int or !!float tag on text that is not a number: keep the text
      }
      return new YScalar(text, value, s, quoted);
    }

    private static Object parseInt(String text) {
      try {
        String t = text.replace("_", "");
        int sign = 1;
        if (t.startsWith("-") || t.startsWith("+")) {
          sign = t.startsWith("-") ? -1 : 1;
          t = t.substring(1);
        }
        BigInteger v;
        if (t.startsWith("0x")) {
          v = new BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
          v = new BigInteger(t.substring(2), 8);
        } else {
          v = new BigInteger(t);
        }
        if (sign < 0) {
          v = v.negate();
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
      } catch (NumberFormatException ex) {
        return null;
      }
    }

    private static Object parseFloat(String text) {
      String t = text.toLowerCase(java.util.Locale.ROOT);
      switch (t) {
        case ".inf", "+.inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-.inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case ".nan" -> {
          return Double.NaN;
        }
        default -> {
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException ex) {
            return null;
          }
        }
      }
    }

    private Diagnostic syntax(MarkedYamlEngineException e) {
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
        Span tab = mark == null ? null : indentTab(mark.getLine() + 1);
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
    private Span indentTab(int line) {
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

    private static String clean(String s) {
      if (s == null) {
        return "the YAML cannot be parsed";
      }
      int nl = s.indexOf('\n');
      return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }

    private static Span span(Event e) {
      Mark start = e.getStartMark().orElse(null);
      Mark end = e.getEndMark().orElse(start);
      if (start == null) {
        return Span.START;
      }
      return new Span(
          start.getLine() + 1, start.getColumn() + 1, end.getLine() + 1, end.getColumn() + 1);
    }

    private static Span spanBetween(Event startEvent, Event endEvent) {
      Span a = span(startEvent);
      Span b = span(endEvent);
      return new Span(a.line(), a.column(), b.endLine(), b.endColumn());
    }
  }
}
