package dev.chirp.preview;

import dev.chirp.diag.Diagnostic;
import dev.chirp.spec.Action;
import dev.chirp.spec.Message;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Template;
import dev.chirp.spec.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A terminal rendering of messages: the bubble as a box wrapped at 48 columns (formatting markers
 * kept), buttons and list rows under it, placeholders for media, and each diagnostic under the
 * element it concerns. Deterministic, for pull-request comments.
 */
public final class TextPreview {
  /** The bubble's inner width in code points. */
  public static final int WIDTH = 48;

  private TextPreview() {}

  /** One message. */
  public static String render(Preview p) {
    return new TextPreview.Writer(p).write();
  }

  /** A catalog: a table of contents, then every preview. */
  public static String catalog(String title, List<Preview> previews) {
    StringBuilder b = new StringBuilder();
    b.append(title).append('\n').append("=".repeat(Wrap.width(title))).append("\n\n");
    for (int i = 0; i < previews.size(); i++) {
      Preview p = previews.get(i);
      b.append(String.format("%3d. %s (%s)%s%n", i + 1, p.key(), p.example(), summary(p)));
    }
    for (Preview p : previews) {
      b.append('\n').append(render(p));
    }
    return b.toString();
  }

  private static String summary(Preview p) {
    long errors = p.diagnostics().stream().filter(d -> d.severity().word().equals("error")).count();
    return errors == 0 ? "" : " – " + errors + (errors == 1 ? " error" : " errors");
  }

  /** Writes one preview; holds the output while it is built. */
  private static final class Writer {
    private final Preview p;
    private final Notes notes;
    private final StringBuilder out = new StringBuilder();

    Writer(Preview p) {
      this.p = p;
      this.notes = Notes.of(p);
    }

    String write() {
      Spec s = p.spec();
      out.append("── ").append(p.key()).append(" · ").append(p.example()).append(" ──\n");
      for (Diagnostic d : notes.general()) {
        note("", d);
      }
      List<String> bubble = new ArrayList<>();
      if (s.replyTo() != null) {
        Wrap.lines("reply to " + s.replyTo().type() + " " + s.replyTo().id().value(), WIDTH - 2)
            .forEach(l -> bubble.add("> " + l));
        notesIn(bubble, s.replyTo().id());
        bubble.add("");
      }
      if (s.template() != null) {
        template(bubble, s.template());
        box(bubble);
      } else {
        message(bubble, s.message());
      }
      return out.toString();
    }

    private void message(List<String> bubble, Message m) {
      if (m instanceof Message.TextMessage t) {
        text(bubble, t.text());
        if (t.previewUrl()) {
          bubble.add("(link preview)");
        }
        box(bubble);
        actions(t.actions());
      }
      if (m instanceof Message.ImageMessage im) {
        for (Message.Image i : im.images()) {
          bubble.add("[image: " + fileName(i.url().value()) + "]");
          notesIn(bubble, i.url());
          if (i.altText() != null) {
            bubble.addAll(Wrap.lines("alt: " + i.altText().value(), WIDTH));
            notesIn(bubble, i.altText());
          }
        }
        text(bubble, im.text());
        box(bubble);
        actions(im.actions());
      }
      if (m instanceof Message.FileMessage fm) {
        for (Message.File f : fm.files()) {
          String name = f.filename() != null ? f.filename().value() : fileName(f.url().value());
          String type = f.contentType() != null ? " · " + f.contentType().value() : "";
          bubble.addAll(Wrap.lines("[file: " + name + type + "]", WIDTH));
          notesIn(bubble, f.url());
          notesIn(bubble, f.filename());
          notesIn(bubble, f.contentType());
        }
        text(bubble, fm.text());
        box(bubble);
        actions(fm.actions());
      }
      if (m instanceof Message.LocationMessage l) {
        bubble.add("📍 " + coordinate(l.latitude()) + ", " + coordinate(l.longitude()));
        notesIn(bubble, l.latitude().text());
        notesIn(bubble, l.longitude().text());
        text(bubble, l.label());
        text(bubble, l.address());
        box(bubble);
      }
      if (m instanceof Message.ListMessage l) {
        if (l.title() != null) {
          text(bubble, l.title());
          bubble.add("");
        }
        text(bubble, l.text());
        // How WhatsApp shows a list's altText is not documented: not drawn, but its notes are.
        notesIn(bubble, l.altText());
        box(bubble);
        String button = l.button() != null ? l.button().value() : "Menu";
        out.append("  [ ☰ ").append(button).append(" ]\n");
        notesOut("    ", l.button());
        for (Message.Section sec : l.sections()) {
          if (sec.title() != null) {
            out.append("    ").append(sec.title().value()).append('\n');
            notesOut("    ", sec.title());
          }
          for (Message.Row r : sec.rows()) {
            out.append("      ○ ").append(r.title().value()).append('\n');
            notesOut("        ", r.title());
            if (r.description() != null) {
              for (String line : Wrap.lines(r.description().value(), WIDTH - 4)) {
                out.append("        ").append(line).append('\n');
              }
              notesOut("        ", r.description());
            }
            notesOut("        ", r.id());
          }
        }
      }
      if (m instanceof Message.CarouselMessage c) {
        text(bubble, c.text());
        box(bubble);
        int n = 0;
        for (Message.Card card : c.cards()) {
          List<String> lines = new ArrayList<>();
          lines.add("card " + ++n + " of " + c.cards().size());
          if (card.media() != null) {
            lines.add("[" + media(card) + ": " + fileName(card.media().value()) + "]");
            notesIn(lines, card.media());
          }
          text(lines, card.title());
          text(lines, card.description());
          box(lines);
          if (card.link() != null) {
            actions(List.of(card.link()));
          }
        }
      }
    }

    private void template(List<String> bubble, Template t) {
      String name =
          p.templateName() != null ? p.templateName() : "project " + t.projectId().value();
      bubble.addAll(
          Wrap.lines(
              "template "
                  + name
                  + " · "
                  + (t.locale() != null ? t.locale().value() : "?")
                  + " · "
                  + (t.version() != null ? t.version().value() : "latest"),
              WIDTH));
      if (p.templateName() != null) {
        bubble.add("project " + t.projectId().value());
      }
      notesIn(bubble, t.projectId());
      notesIn(bubble, t.locale());
      bubble.add("");
      for (Template.Parameter par : t.parameters()) {
        bubble.addAll(Wrap.lines(par.key() + " = «" + par.value().value() + "»", WIDTH));
        notesIn(bubble, par.value());
      }
    }

    private void text(List<String> bubble, Text t) {
      if (t != null && !t.value().isEmpty()) {
        bubble.addAll(Wrap.lines(t.value(), WIDTH));
      }
      notesIn(bubble, t);
    }

    private void actions(List<Action> actions) {
      for (Action a : actions) {
        String label = a.label() != null ? a.label().value() : "Send location";
        String line;
        if (a instanceof Action.Postback pb) {
          line = "[ " + label + " ]  payload " + pb.payload().value();
        } else if (a instanceof Action.Link l) {
          line = "[ ↗ " + label + " ]  " + l.url().value();
        } else if (a instanceof Action.LocationRequest) {
          line = "[ 📍 " + label + " ]";
        } else {
          line = "[ " + label + " ]";
        }
        out.append("  ").append(line).append('\n');
        notesOut("    ", a.label());
        if (a instanceof Action.Postback pb) {
          notesOut("    ", pb.payload());
        }
        if (a instanceof Action.Link l) {
          notesOut("    ", l.url());
        }
      }
    }

    private void box(List<String> lines) {
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      out.append('┌').append("─".repeat(WIDTH + 2)).append("┐\n");
      for (String l : lines) {
        out.append("│ ").append(Wrap.pad(l, WIDTH)).append(" │\n");
      }
      out.append('└').append("─".repeat(WIDTH + 2)).append("┘\n");
      lines.clear();
    }

    private void notesIn(List<String> bubble, Text t) {
      for (Diagnostic d : notes.on(t)) {
        bubble.addAll(Wrap.lines("!! " + label(d), WIDTH));
      }
    }

    private void notesOut(String indent, Text t) {
      for (Diagnostic d : notes.on(t)) {
        note(indent, d);
      }
    }

    private void note(String indent, Diagnostic d) {
      out.append(indent).append("!! ").append(label(d)).append('\n');
    }
  }

  /** The terminal columns {@code line} takes (emoji and wide characters two, marks none). */
  public static int columns(String line) {
    return Wrap.width(line);
  }

  static String label(Diagnostic d) {
    return d.severity().word() + "[" + d.code().id() + "]: " + d.message();
  }

  static String coordinate(Message.Coordinate c) {
    return c.text() != null ? c.text().value() : String.valueOf(c.value());
  }

  static String media(Message.Card card) {
    String type = card.contentType() != null ? card.contentType().value() : "";
    String url = card.media().value().toLowerCase(Locale.ROOT);
    return type.startsWith("video") || url.matches(".*\\.(mp4|3gp|3gpp)(\\?.*)?$")
        ? "video"
        : "image";
  }

  /** The last path segment of a URL, without its query. */
  static String fileName(String url) {
    String u = url.replaceFirst("[?#].*$", "");
    int slash = u.lastIndexOf('/');
    return slash >= 0 && slash < u.length() - 1 ? u.substring(slash + 1) : u;
  }
}
