package dev.chirp.preview;

import static dev.chirp.preview.Html.escape;
import static dev.chirp.preview.Html.formatted;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.spec.Action;
import dev.chirp.spec.Message;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Template;
import dev.chirp.spec.Text;
import java.util.List;
import java.util.Locale;

/** Draws one message of a preview as WhatsApp lays it out; holds the output while it is built. */
final class MessageDrawing {
  private final Preview p;
  private final Notes notes;
  private final StringBuilder b = new StringBuilder();

  MessageDrawing(Preview p) {
    this.p = p;
    this.notes = Notes.of(p);
  }

  String draw() {
    if (!notes.general().isEmpty()) {
      b.append("<div class=\"general\">");
      notes.general().forEach(d -> caption(d));
      b.append("</div>\n");
    }
    Spec s = p.spec();
    b.append("<div class=\"chat\">\n");
    if (s.template() != null) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      template(s.template());
      b.append("</div>\n</div>\n");
    } else {
      message(s.message());
    }
    b.append("</div>\n");
    return b.toString();
  }

  private void bubbleOpen() {
    b.append("<div class=\"bubble\">\n");
    Spec.ReplyTo r = p.spec().replyTo();
    if (r != null) {
      b.append("<div class=\"quote")
          .append(flag(r.id()))
          .append("\"><b>↩ Replying to a ")
          .append(escape(r.type()))
          .append("</b>")
          .append(escape(r.id().value()))
          .append("</div>\n");
      captions(r.id());
    }
  }

  private void message(Message m) {
    if (m instanceof Message.TextMessage t) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      text("text", t.text());
      if (t.previewUrl()) {
        b.append("<div class=\"meta\">link preview on</div>\n");
      }
      b.append("</div>\n");
      actions(t.actions());
      b.append("</div>\n");
    }
    if (m instanceof Message.ImageMessage im) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      for (Message.Image i : im.images()) {
        media("image", i.url(), i.altText());
      }
      text("text", im.text());
      b.append("</div>\n");
      actions(im.actions());
      b.append("</div>\n");
    }
    if (m instanceof Message.FileMessage fm) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      for (Message.File f : fm.files()) {
        file(f);
      }
      text("text", fm.text());
      b.append("</div>\n");
      actions(fm.actions());
      b.append("</div>\n");
    }
    if (m instanceof Message.LocationMessage l) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      String lat = TextPreview.coordinate(l.latitude());
      String lon = TextPreview.coordinate(l.longitude());
      b.append("<div class=\"map\"><div class=\"pin\"></div><div class=\"coords\">")
          .append(escape(lat + ", " + lon))
          .append("</div></div>\n");
      captions(l.latitude().text());
      captions(l.longitude().text());
      text("label", l.label());
      text("address", l.address());
      b.append("</div>\n</div>\n");
    }
    if (m instanceof Message.ListMessage l) {
      b.append("<div class=\"col\">\n");
      bubbleOpen();
      text("header", l.title());
      text("text", l.text());
      // How WhatsApp shows a list's altText is not documented: not drawn, but its notes are.
      captions(l.altText());
      b.append("</div>\n");
      String button = l.button() != null ? l.button().value() : "Menu";
      b.append("<div class=\"btn")
          .append(flag(l.button()))
          .append("\">☰ ")
          .append(escape(button))
          .append("</div>\n");
      captions(l.button());
      b.append("</div>\n");
      sheet(l, button);
    }
    if (m instanceof Message.CarouselMessage c) {
      b.append("<div class=\"col wide\">\n");
      bubbleOpen();
      text("text", c.text());
      b.append("</div>\n<div class=\"cards\">\n");
      for (Message.Card card : c.cards()) {
        b.append("<div class=\"card\">\n<div class=\"bubble\">\n");
        if (card.media() != null) {
          media(TextPreview.media(card), card.media(), null);
        }
        text("title", card.title());
        text("desc", card.description());
        b.append("</div>\n");
        if (card.link() != null) {
          actions(List.of(card.link()));
        }
        b.append("</div>\n");
      }
      b.append("</div>\n</div>\n");
    }
  }

  private void sheet(Message.ListMessage l, String button) {
    b.append("<div class=\"sheet\">\n<div class=\"grip\"></div>\n<h3>")
        .append(escape(button))
        .append("</h3>\n");
    for (Message.Section s : l.sections()) {
      if (s.title() != null) {
        b.append("<div class=\"section")
            .append(flag(s.title()))
            .append("\">")
            .append(escape(s.title().value()))
            .append("</div>\n");
        captions(s.title());
      }
      for (Message.Row r : s.rows()) {
        b.append("<div class=\"row\"><div class=\"body\">");
        b.append("<div class=\"title")
            .append(flag(r.title()))
            .append("\">")
            .append(escape(r.title().value()))
            .append("</div>");
        captions(r.title());
        if (r.description() != null) {
          b.append("<div class=\"desc")
              .append(flag(r.description()))
              .append("\">")
              .append(escape(r.description().value()))
              .append("</div>");
          captions(r.description());
        }
        captions(r.id());
        b.append("</div><div class=\"radio\"></div></div>\n");
      }
    }
    b.append("</div>\n");
  }

  private void template(Template t) {
    String name = p.templateName() != null ? p.templateName() : "project " + t.projectId().value();
    b.append("<div class=\"tpl\">Template <b>")
        .append(escape(name))
        .append("</b> · ")
        .append(escape(t.locale() != null ? t.locale().value() : "?"))
        .append(" · ")
        .append(escape(t.version() != null ? t.version().value() : "latest"))
        .append("</div>\n");
    captions(t.projectId());
    captions(t.locale());
    for (Template.Parameter par : t.parameters()) {
      String v = par.value().value();
      if (v.matches("(?i)https?://\\S+\\.(jpe?g|png)(\\?\\S*)?")) {
        media("image", par.value(), null);
      }
    }
    for (Template.Parameter par : t.parameters()) {
      b.append("<div class=\"param-row\"><span class=\"key\">{{")
          .append(escape(par.key()))
          .append("}}</span><mark class=\"param")
          .append(flag(par.value()))
          .append("\">")
          .append(escape(par.value().value()))
          .append("</mark></div>\n");
      captions(par.value());
    }
  }

  private void media(String kind, Text url, Text alt) {
    b.append("<div class=\"media ")
        .append(kind)
        .append(flag(url))
        .append("\"><div class=\"icon\">")
        .append(kind.equals("video") ? "▶" : "▣")
        .append("</div>")
        .append(escape(url.value()));
    if (alt != null) {
      b.append("<div class=\"alt").append(flag(alt)).append("\">").append(escape(alt.value()));
      b.append("</div>");
    }
    b.append("</div>\n");
    captions(url);
    captions(alt);
  }

  private void file(Message.File f) {
    String name =
        f.filename() != null ? f.filename().value() : TextPreview.fileName(f.url().value());
    String type = f.contentType() != null ? f.contentType().value() : "";
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "FILE";
    b.append("<div class=\"file")
        .append(flag(f.url()))
        .append("\"><div class=\"doc\">")
        .append(escape(ext.toUpperCase(Locale.ROOT)))
        .append("</div><div><div class=\"name\">")
        .append(escape(name))
        .append("</div><div class=\"type\">")
        .append(escape(type.isEmpty() ? f.url().value() : type))
        .append("</div></div></div>\n");
    captions(f.url());
    captions(f.filename());
    captions(f.contentType());
  }

  private void text(String cls, Text t) {
    if (t == null) {
      return;
    }
    b.append("<div class=\"")
        .append(cls)
        .append(flag(t))
        .append("\">")
        .append(formatted(t.value()))
        .append("</div>\n");
    captions(t);
  }

  private void actions(List<? extends Action> actions) {
    for (Action a : actions) {
      String label = a.label() != null ? a.label().value() : "Send location";
      String icon =
          a instanceof Action.Link ? "↗ " : a instanceof Action.LocationRequest ? "📍 " : "";
      b.append("<div class=\"btn").append(flag(a.label())).append("\">");
      b.append(icon).append(escape(label));
      if (a instanceof Action.Link l) {
        b.append("<span class=\"sub\">").append(escape(l.url().value())).append("</span>");
      }
      if (a instanceof Action.Postback pb) {
        b.append("<span class=\"sub\">payload ")
            .append(escape(pb.payload().value()))
            .append("</span>");
      }
      b.append("</div>\n");
      captions(a.label());
      if (a instanceof Action.Link l) {
        captions(l.url());
      }
      if (a instanceof Action.Postback pb) {
        captions(pb.payload());
      }
    }
  }

  /** The class marking an element with diagnostics, by the worst severity; empty if none. */
  private String flag(Text t) {
    List<Diagnostic> ds = notes.on(t);
    if (ds.isEmpty()) {
      return "";
    }
    Severity worst =
        ds.stream().map(Diagnostic::severity).min(Enum::compareTo).orElse(Severity.INFO);
    return " flag-" + worst.word();
  }

  private void captions(Text t) {
    notes.on(t).forEach(this::caption);
  }

  private void caption(Diagnostic d) {
    b.append("<div class=\"caption ")
        .append(d.severity().word())
        .append("\">")
        .append(escape(TextPreview.label(d)))
        .append("</div>\n");
  }
}
