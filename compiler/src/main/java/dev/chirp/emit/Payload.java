package dev.chirp.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.diag.Span;
import dev.chirp.spec.Action;
import dev.chirp.spec.Message;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Template;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Emits the Channels API request body of a resolved spec. Keys come in a fixed order and numbers in
 * a fixed form, so the same spec and values always give the same bytes.
 */
public final class Payload {
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Payload() {}

  /** The request body as a JSON tree. */
  public static ObjectNode of(Spec s, Receiver to) {
    return ofUntraced(s, to);
  }

  /**
   * The request body, recording in {@code trace} the spec position of every emitted string by its
   * dotted JSON path ({@code body.text.actions.0.reply.text}), so Bird's field errors can be mapped
   * back to the spec.
   */
  public static ObjectNode of(Spec s, Receiver to, Map<String, Span> trace) {
    ObjectNode root = ofUntraced(s, to);
    trace(root, "", s, trace);
    return root;
  }

  private static void trace(JsonNode node, String path, Spec s, Map<String, Span> trace) {
    // Strings are matched to the spec's texts by value, in document order: every emitted string
    // comes from exactly one text, and equal strings resolve to the first such text.
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  trace(
                      e.getValue(),
                      path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                      s,
                      trace));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        trace(node.get(i), path + "." + i, s, trace);
      }
    } else {
      String v = node.asText();
      for (Text t : Texts.all(s)) {
        if (t.value().equals(v)) {
          trace.put(path, t.span());
          return;
        }
      }
      trace.put(
          path,
          s.message() != null
              ? s.message().span()
              : s.template() != null ? s.template().span() : Span.START);
    }
  }

  private static ObjectNode ofUntraced(Spec s, Receiver to) {
    ObjectNode root = F.objectNode();
    ObjectNode contact = root.putObject("receiver").putArray("contacts").addObject();
    if (to.contactId() != null) {
      contact.put("id", to.contactId());
    } else {
      contact.put("identifierKey", "phonenumber");
      contact.put("identifierValue", to.phone());
    }
    if (s.message() != null) {
      root.set("body", body(s.message()));
    } else {
      root.set("template", template(s.template()));
    }
    if (s.replyTo() != null) {
      ObjectNode r = root.putObject("replyTo");
      r.put("id", s.replyTo().id().value());
      r.put("type", s.replyTo().type());
    }
    put(root, "reference", s.reference());
    if (!s.tags().isEmpty()) {
      ArrayNode tags = root.putArray("tags");
      s.tags().forEach(t -> tags.add(t.value()));
    }
    put(root, "scheduledFor", s.scheduledFor());
    if (s.validity() != null) {
      root.put("validity", s.validity());
    }
    for (String flag : Spec.FLAGS) {
      Boolean v = s.flags().get(flag);
      if (v != null) {
        root.put(flag, v);
      }
    }
    return root;
  }

  /** Pretty JSON with two-space indentation and a final newline. */
  public static String pretty(ObjectNode node) {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    try {
      return MAPPER.writer(pp).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compact JSON on one line, as sent over the wire. */
  public static String compact(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The size in bytes of the compact UTF-8 body, as Bird's 200 KB limit counts it. */
  public static int size(ObjectNode node) {
    return compact(node).getBytes(StandardCharsets.UTF_8).length;
  }

  private static ObjectNode body(Message m) {
    ObjectNode body = F.objectNode();
    body.put("type", m.birdType());
    ObjectNode inner = body.putObject(m.birdType());
    if (m instanceof Message.TextMessage t) {
      inner.put("text", t.text().value());
      actions(inner, t.actions());
      if (t.previewUrl()) {
        inner.putObject("metadata").putObject("whatsapp").put("previewUrl", true);
      }
    } else if (m instanceof Message.ImageMessage i) {
      ArrayNode images = inner.putArray("images");
      for (Message.Image img : i.images()) {
        ObjectNode o = images.addObject();
        o.put("mediaUrl", img.url().value());
        put(o, "altText", img.altText());
      }
      put(inner, "text", i.text());
      actions(inner, i.actions());
    } else if (m instanceof Message.FileMessage fm) {
      ArrayNode files = inner.putArray("files");
      for (Message.File f : fm.files()) {
        ObjectNode o = files.addObject();
        o.put("mediaUrl", f.url().value());
        String type =
            f.contentType() != null ? f.contentType().value() : Media.typeOf(f.url().value());
        o.put("contentType", type);
        put(o, "filename", f.filename());
      }
      put(inner, "text", fm.text());
      actions(inner, fm.actions());
    } else if (m instanceof Message.LocationMessage l) {
      ObjectNode c = inner.putObject("coordinates");
      c.put("latitude", number(l.latitude()));
      c.put("longitude", number(l.longitude()));
      if (l.label() != null || l.address() != null) {
        ObjectNode loc = inner.putObject("location");
        put(loc, "address", l.address());
        put(loc, "label", l.label());
      }
    } else if (m instanceof Message.ListMessage l) {
      inner.put("text", l.text().value());
      put(inner, "title", l.title());
      put(inner, "altText", l.altText());
      ArrayNode items = inner.putArray("items");
      for (Message.Section s : l.sections()) {
        ObjectNode item = items.addObject();
        put(item, "title", s.title());
        ArrayNode rows = item.putArray("actions");
        for (Message.Row r : s.rows()) {
          ObjectNode pb = rows.addObject().put("type", "postback").putObject("postback");
          pb.put("text", r.title().value());
          pb.put("payload", r.id().value());
          if (r.description() != null) {
            pb.putObject("metadata").putObject("description").put("label", r.description().value());
          }
        }
      }
      if (l.button() != null) {
        inner.putObject("metadata").putObject("button").put("label", l.button().value());
      }
    } else if (m instanceof Message.CarouselMessage c) {
      inner.put("text", c.text().value());
      ArrayNode items = inner.putArray("items");
      for (Message.Card card : c.cards()) {
        ObjectNode item = items.addObject();
        item.put("title", card.title().value());
        item.put("mediaUrl", card.media().value());
        put(item, "description", card.description());
        actions(item, List.of(card.link()));
      }
    }
    return body;
  }

  private static void actions(ObjectNode parent, List<Action> actions) {
    if (actions.isEmpty()) {
      return;
    }
    ArrayNode arr = parent.putArray("actions");
    for (Action a : actions) {
      ObjectNode o = arr.addObject();
      if (a instanceof Action.Reply r) {
        o.put("type", "reply").putObject("reply").put("text", r.text().value());
      } else if (a instanceof Action.Postback p) {
        ObjectNode pb = o.put("type", "postback").putObject("postback");
        pb.put("text", p.text().value());
        put(pb, "payload", p.payload());
      } else if (a instanceof Action.Link l) {
        ObjectNode link = o.put("type", "link").putObject("link");
        link.put("text", l.text().value());
        link.put("url", l.url().value());
      } else if (a instanceof Action.LocationRequest lr) {
        o.put("type", "locationRequest");
        if (lr.text() != null) {
          o.putObject("locationRequest").put("text", lr.text().value());
        }
      }
    }
  }

  private static ObjectNode template(Template t) {
    ObjectNode o = F.objectNode();
    o.put("projectId", t.projectId().value());
    o.put("version", t.version().value());
    o.put("locale", t.locale().value());
    if (!t.parameters().isEmpty()) {
      ArrayNode params = o.putArray("parameters");
      for (Template.Parameter p : t.parameters()) {
        ObjectNode po = params.addObject();
        po.put("type", p.type());
        po.put("key", p.key());
        String v = p.value().value();
        switch (p.type()) {
          case "number" -> po.put("value", new BigDecimal(v.trim()));
          case "boolean" -> po.put("value", Boolean.parseBoolean(v.trim()));
          default -> po.put("value", v);
        }
      }
    }
    return o;
  }

  private static BigDecimal number(Message.Coordinate c) {
    return new BigDecimal(
        c.value() != null && c.text().templated() ? c.value().toString() : c.text().value().trim());
  }

  private static void put(ObjectNode o, String key, Text t) {
    if (t != null) {
      o.put(key, t.value());
    }
  }
}
