package dev.chirp.yaml;

import static dev.chirp.yaml.Marks.span;
import static dev.chirp.yaml.Marks.spanBetween;
import static dev.chirp.yaml.YamlLoader.MAX_ALIASES;
import static dev.chirp.yaml.YamlLoader.MAX_BYTES;
import static dev.chirp.yaml.YamlLoader.MAX_DEPTH;
import static dev.chirp.yaml.YamlLoader.MAX_NODES;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Turns SnakeYAML Engine's event stream into a tree with an explicit stack, counting depth, aliases
 * and expanded nodes against {@link YamlLoader}'s limits; one instance per file.
 */
final class TreeBuilder {
  // The loader's default schema, made once: each new one builds its resolvers' tables again, a
  // cost paid per file otherwise. It is read-only after construction.
  private static final Schema YAML_SCHEMA = new JsonSchema();

  private final SourceFile source;
  private final String path;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, YNode> anchors = new HashMap<>();
  private final Map<YNode, Integer> sizes = new IdentityHashMap<>();
  private int aliases;
  private long nodes;

  TreeBuilder(SourceFile source) {
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
      // What Parse.parseString iterates, built from exported packages (the module of SnakeYAML
      // Engine does not export Parse's), so that the compiler can be a named module.
      Parser parser =
          new ParserImpl(settings, new StreamReader(settings, new StringReader(source.text())));
      for (Event event : (Iterable<Event>) () -> parser) {
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
                      Locale.ROOT,
                      "the document expands to more than %,d nodes through aliases",
                      MAX_NODES)));
          return done(null);
        }
      }
    } catch (MarkedYamlEngineException e) {
      diagnostics.add(SyntaxErrors.of(e, source));
      return done(null);
    } catch (YamlEngineException e) {
      diagnostics.add(
          Diagnostic.of(Code.YAML_SYNTAX, path, Span.START, SyntaxErrors.clean(e.getMessage())));
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
    boolean ok = diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
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

  private void checkTag(Optional<String> tag, Event event) {
    if (tag.isPresent() && !YamlScalars.CORE_TAGS.contains(tag.get()) && !tag.get().equals("!")) {
      diagnostics.add(
          Diagnostic.of(
                  Code.YAML_TAG,
                  path,
                  span(event),
                  "tag `" + YamlScalars.shortTag(tag.get()) + "` is not allowed in a spec")
              .withFix("remove the tag; quote the value if it must stay a string"));
    }
  }

  private YScalar scalar(ScalarEvent e) {
    checkTag(e.getTag(), e);
    String text = e.getValue();
    Span s = span(e);
    int lone = YamlLoader.loneSurrogate(text);
    if (lone >= 0) {
      // Only an escape can make one ("\uD800"); it has no UTF-8 form, so it could not be sent.
      diagnostics.add(
          Diagnostic.of(
                  Code.FILE_ENCODING,
                  path,
                  s,
                  String.format(
                      Locale.ROOT,
                      "the value holds a lone surrogate U+%04X (an escape of half a character);"
                          + " it has no UTF-8 form and cannot be sent",
                      (int) text.charAt(lone)))
              .withFix("escape the whole character, e.g. \\U0001F600, or write it as it is"));
    }
    return new YScalar(text, YamlScalars.value(e), s, !e.isPlain());
  }
}
