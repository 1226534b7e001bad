package dev.chirp.preview;

import static dev.chirp.preview.Html.escape;

import java.util.List;

/**
 * A self-contained HTML page drawing messages the way WhatsApp lays them out (inline CSS, no
 * scripts, nothing fetched), with each diagnostic as a caption beside the element it concerns.
 */
public final class HtmlPreview {
  private HtmlPreview() {}

  /** One spec changed between two catalogs: the example's preview on each side (null if absent). */
  public record Change(String key, String example, Preview before, Preview after) {}

  /** A page of previews; with more than one, a table of contents links to each. */
  public static String page(String title, List<Preview> previews) {
    StringBuilder b = new StringBuilder();
    open(b, title);
    if (previews.size() > 1) {
      b.append("<ol class=\"toc\">\n");
      for (Preview p : previews) {
        b.append("<li><a href=\"#")
            .append(escape(p.anchor()))
            .append("\">")
            .append(escape(p.key()))
            .append("</a> <span class=\"ex\">")
            .append(escape(p.example()))
            .append("</span></li>\n");
      }
      b.append("</ol>\n");
    }
    for (Preview p : previews) {
      b.append("<section class=\"preview\" id=\"").append(escape(p.anchor())).append("\">\n");
      heading(b, p);
      b.append(message(p));
      b.append("</section>\n");
    }
    return close(b);
  }

  /** A page of changes between two catalogs: each changed example before and after. */
  public static String diff(
      String title, List<String> added, List<String> removed, List<Change> changes) {
    StringBuilder b = new StringBuilder();
    open(b, title);
    b.append("<div class=\"changes\">");
    b.append(added.size()).append(" added, ");
    b.append(removed.size()).append(" removed, ");
    b.append(changes.stream().map(Change::key).distinct().count()).append(" changed");
    for (String a : added) {
      b.append("<br/>added: ").append(escape(a));
    }
    for (String r : removed) {
      b.append("<br/>removed: ").append(escape(r));
    }
    b.append("</div>\n");
    for (Change c : changes) {
      b.append("<section class=\"preview\">\n<h2>")
          .append(escape(c.key()))
          .append(" <span class=\"ex\">")
          .append(escape(c.example()))
          .append("</span></h2>\n<div class=\"diff\">\n");
      side(b, "before", c.before());
      side(b, "after", c.after());
      b.append("</div>\n</section>\n");
    }
    return close(b);
  }

  private static void side(StringBuilder b, String label, Preview p) {
    b.append("<div>\n<h3>").append(label).append("</h3>\n");
    if (p == null) {
      b.append("<p class=\"none\">(no such example)</p>\n");
    } else {
      b.append(message(p));
    }
    b.append("</div>\n");
  }

  private static void open(StringBuilder b, String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width\"/>\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(Styles.CSS)
        .append("\n</style>\n</head>\n<body>\n<main class=\"page\">\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
  }

  private static String close(StringBuilder b) {
    return b.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void heading(StringBuilder b, Preview p) {
    b.append("<h2>")
        .append(escape(p.key()))
        .append(" <span class=\"ex\">· ")
        .append(escape(p.example()))
        .append("</span></h2>\n");
  }

  /** The drawing of one message, with its general diagnostics above it. */
  static String message(Preview p) {
    return new MessageDrawing(p).draw();
  }
}
