package dev.chirp.spec;

import dev.chirp.diag.Span;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds a {@link Spec} from a root mapping that has passed schema validation, so shapes and types
 * are known to be right; this class only picks values and positions.
 */
public final class SpecReader {
  private SpecReader() {}

  public static Spec read(String file, YMap root) {
    Map<String, Variable> variables = new LinkedHashMap<>();
    map(root, "variables")
        .ifPresent(
            vars -> {
              for (YMap.Entry e : vars.entries()) {
                variables.put(e.name(), variable(e));
              }
            });
    Message message = map(root, "message").map(SpecReader::message).orElse(null);
    Template template = map(root, "template").map(t -> template(t, variables)).orElse(null);
    Spec.ReplyTo replyTo =
        map(root, "replyTo")
            .map(m -> new Spec.ReplyTo(text(m, "id"), str(m, "type").orElse("message"), m.span()))
            .orElse(null);
    List<Text> tags = new ArrayList<>();
    Span tagsSpan = null;
    Optional<YMap.Entry> tagsEntry = root.entry("tags");
    if (tagsEntry.isPresent()) {
      tagsSpan = tagsEntry.get().key().span();
      for (YNode t : ((YSeq) tagsEntry.get().value()).items()) {
        tags.add(text((YScalar) t));
      }
    }
    Map<String, Boolean> flags = new LinkedHashMap<>();
    Map<String, Span> flagSpans = new LinkedHashMap<>();
    for (String flag : Spec.FLAGS) {
      root.get(flag).ifPresent(v -> flags.put(flag, (Boolean) ((YScalar) v).value()));
      root.get(flag).ifPresent(v -> flagSpans.put(flag, v.span()));
    }
    List<Example> examples = new ArrayList<>();
    root.get("examples")
        .ifPresent(
            seq -> {
              int i = 0;
              for (YNode n : ((YSeq) seq).items()) {
                YMap m = (YMap) n;
                String name = str(m, "name").orElse(i == 0 ? "default" : "example-" + (i + 1));
                Map<String, Object> values = new LinkedHashMap<>();
                Map<String, Span> spans = new LinkedHashMap<>();
                map(m, "vars")
                    .ifPresent(
                        vars -> {
                          for (YMap.Entry e : vars.entries()) {
                            values.put(e.name(), ((YScalar) e.value()).value());
                            spans.put(e.name(), e.value().span());
                          }
                        });
                examples.add(
                    new Example(
                        name,
                        values,
                        spans,
                        str(m, "to").orElse(null),
                        m.span(),
                        m.get("to").map(YNode::span).orElse(null)));
                i++;
              }
            });
    return new Spec(
        file,
        str(root, "id").orElse(""),
        root.get("id").map(YNode::span).orElse(Span.START),
        str(root, "description").orElse(null),
        str(root, "locale").orElse(null),
        variables,
        message,
        template,
        replyTo,
        opt(root, "reference"),
        tags,
        tagsSpan,
        opt(root, "scheduledFor"),
        root.get("validity").map(v -> ((Number) ((YScalar) v).value()).longValue()).orElse(null),
        flags,
        flagSpans,
        examples);
  }

  private static Variable variable(YMap.Entry e) {
    YMap m = (YMap) e.value();
    Object def = m.get("default").map(v -> ((YScalar) v).value()).orElse(null);
    boolean required =
        m.get("required").map(v -> (Boolean) ((YScalar) v).value()).orElse(def == null);
    List<Object> allowed =
        m.get("enum")
            .map(v -> ((YSeq) v).items().stream().map(i -> ((YScalar) i).value()).toList())
            .orElse(null);
    return new Variable(
        e.name(),
        str(m, "type").orElse("string"),
        required,
        def,
        integer(m, "minLength"),
        integer(m, "maxLength"),
        str(m, "pattern").orElse(null),
        allowed,
        number(m, "minimum"),
        number(m, "maximum"),
        m.get("example").map(v -> ((YScalar) v).value()).orElse(null),
        str(m, "description").orElse(null),
        e.key().span());
  }

  private static Message message(YMap m) {
    List<Action> actions = m.get("actions").map(a -> actions((YSeq) a)).orElse(List.of());
    Text text = opt(m, "text");
    if (m.has("images")) {
      List<Message.Image> images = new ArrayList<>();
      for (YNode n : ((YSeq) m.get("images").get()).items()) {
        YMap i = (YMap) n;
        images.add(new Message.Image(url(i, "url"), opt(i, "altText"), i.span()));
      }
      return new Message.ImageMessage(images, text, actions, m.span());
    } else if (m.has("files")) {
      List<Message.File> files = new ArrayList<>();
      for (YNode n : ((YSeq) m.get("files").get()).items()) {
        YMap f = (YMap) n;
        files.add(
            new Message.File(url(f, "url"), opt(f, "contentType"), opt(f, "filename"), f.span()));
      }
      return new Message.FileMessage(files, text, actions, m.span());
    } else if (m.has("location")) {
      YMap l = map(m, "location").get();
      return new Message.LocationMessage(
          coordinate(l, "latitude"),
          coordinate(l, "longitude"),
          opt(l, "label"),
          opt(l, "address"),
          l.span());
    } else if (m.has("list")) {
      YMap l = map(m, "list").get();
      List<Message.Section> sections = new ArrayList<>();
      boolean sectioned = l.has("sections");
      if (sectioned) {
        for (YNode n : ((YSeq) l.get("sections").get()).items()) {
          YMap s = (YMap) n;
          sections.add(
              new Message.Section(opt(s, "title"), rows((YSeq) s.get("rows").get()), s.span()));
        }
      } else {
        sections.add(new Message.Section(null, rows((YSeq) l.get("rows").get()), l.span()));
      }
      return new Message.ListMessage(
          text,
          opt(l, "button"),
          opt(l, "title"),
          opt(l, "altText"),
          sections,
          sectioned,
          l.span());
    } else if (m.has("cards")) {
      List<Message.Card> cards = new ArrayList<>();
      for (YNode n : ((YSeq) m.get("cards").get()).items()) {
        YMap c = (YMap) n;
        YMap link = map(c, "link").get();
        cards.add(
            new Message.Card(
                text(c, "title"),
                opt(c, "description"),
                url(c, "media"),
                opt(c, "contentType"),
                new Action.Link(text(link, "text"), url(link, "url"), link.span()),
                c.span()));
      }
      return new Message.CarouselMessage(text, cards, m.span());
    }
    boolean preview = m.get("previewUrl").map(v -> (Boolean) ((YScalar) v).value()).orElse(false);
    return new Message.TextMessage(text, preview, actions, m.span());
  }

  private static List<Message.Row> rows(YSeq seq) {
    List<Message.Row> rows = new ArrayList<>();
    for (YNode n : seq.items()) {
      YMap r = (YMap) n;
      rows.add(new Message.Row(text(r, "id"), text(r, "title"), opt(r, "description"), r.span()));
    }
    return rows;
  }

  private static List<Action> actions(YSeq seq) {
    List<Action> out = new ArrayList<>();
    for (YNode n : seq.items()) {
      YMap.Entry e = ((YMap) n).entries().get(0);
      Span span = n.span();
      switch (e.name()) {
        case "reply" -> out.add(new Action.Reply(text((YMap) e.value(), "text"), span));
        case "postback" -> {
          YMap p = (YMap) e.value();
          out.add(new Action.Postback(text(p, "text"), opt(p, "payload"), null, span));
        }
        case "link" -> {
          YMap l = (YMap) e.value();
          out.add(new Action.Link(text(l, "text"), url(l, "url"), span));
        }
        case "locationRequest" -> {
          Text label = e.value() instanceof YMap l ? opt(l, "text") : null;
          out.add(new Action.LocationRequest(label, span));
        }
        default -> throw new IllegalStateException("schema admits no action " + e.name());
      }
    }
    return out;
  }

  private static final Pattern WHOLE_VARIABLE =
      Pattern.compile("^\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}$");

  /**
   * The Bird parameter type of a plain value: a YAML number or boolean keeps its type; a string
   * that is exactly one {@code {{var}}} takes the type of that variable; any other string is a
   * string.
   */
  private static String parameterType(YScalar s, Map<String, Variable> variables) {
    if (s.value() instanceof Boolean) {
      return "boolean";
    } else if (s.value() instanceof Number) {
      return "number";
    }
    var m = WHOLE_VARIABLE.matcher(s.asText());
    if (m.matches() && variables.containsKey(m.group(1))) {
      return switch (variables.get(m.group(1)).type()) {
        case "integer", "number" -> "number";
        case "boolean" -> "boolean";
        default -> "string";
      };
    }
    return "string";
  }

  private static Template template(YMap m, Map<String, Variable> variables) {
    List<Template.Parameter> params = new ArrayList<>();
    map(m, "parameters")
        .ifPresent(
            p -> {
              for (YMap.Entry e : p.entries()) {
                YNode v = e.value();
                if (v instanceof YMap forced) {
                  YScalar value = (YScalar) forced.get("value").get();
                  params.add(
                      new Template.Parameter(
                          e.name(), str(forced, "type").get(), text(value), e.key().span()));
                } else {
                  YScalar s = (YScalar) v;
                  String type = parameterType(s, variables);
                  params.add(new Template.Parameter(e.name(), type, text(s), e.key().span()));
                }
              }
            });
    Text version = m.get("version").map(v -> text((YScalar) v)).orElse(Text.of("latest", m.span()));
    return new Template(text(m, "projectId"), version, text(m, "locale"), params, m.span());
  }

  private static Message.Coordinate coordinate(YMap m, String key) {
    YScalar s = (YScalar) m.get(key).get();
    Double d = s.value() instanceof Number n ? n.doubleValue() : null;
    return new Message.Coordinate(d, text(s), s.span());
  }

  private static Optional<YMap> map(YMap m, String key) {
    return m.get(key).filter(YMap.class::isInstance).map(YMap.class::cast);
  }

  private static Optional<String> str(YMap m, String key) {
    return m.get(key).filter(YScalar.class::isInstance).map(v -> ((YScalar) v).asText());
  }

  private static Integer integer(YMap m, String key) {
    return m.get(key).map(v -> ((Number) ((YScalar) v).value()).intValue()).orElse(null);
  }

  private static Double number(YMap m, String key) {
    return m.get(key).map(v -> ((Number) ((YScalar) v).value()).doubleValue()).orElse(null);
  }

  private static Text text(YScalar s) {
    return Text.source(s.asText(), s.span());
  }

  private static Text text(YMap m, String key) {
    return text((YScalar) m.get(key).get());
  }

  private static Text url(YMap m, String key) {
    YScalar s = (YScalar) m.get(key).get();
    return Text.url(s.asText(), s.span());
  }

  private static Text opt(YMap m, String key) {
    return m.get(key).map(v -> text((YScalar) v)).orElse(null);
  }
}
