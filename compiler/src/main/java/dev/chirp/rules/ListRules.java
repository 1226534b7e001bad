package dev.chirp.rules;

import static dev.chirp.rules.Limits.BODY_MAX;
import static dev.chirp.rules.Limits.BUTTON_TITLE_MAX;
import static dev.chirp.rules.Limits.LIST_DESCRIPTION_MAX;
import static dev.chirp.rules.Limits.LIST_HEADER_MAX;
import static dev.chirp.rules.Limits.LIST_ROWS_MAX;
import static dev.chirp.rules.Limits.LIST_ROW_ID_MAX;
import static dev.chirp.rules.Limits.LIST_SECTIONS_MAX;
import static dev.chirp.rules.Limits.LIST_TITLE_MAX;

import dev.chirp.diag.Code;
import dev.chirp.diag.Span;
import dev.chirp.spec.Message;
import dev.chirp.spec.Text;
import java.util.HashMap;
import java.util.Map;

/** A list message: its text, header and button, and its sections and rows. */
final class ListRules {
  private ListRules() {}

  static void check(Findings f, Message.ListMessage l) {
    f.nonEmpty(l.text(), "text");
    f.max(l.text(), BODY_MAX, Code.BODY_TOO_LONG, "list text");
    if (l.title() != null) {
      f.max(l.title(), LIST_HEADER_MAX, Code.LIST_HEADER_TOO_LONG, "list title (the header)");
    }
    f.nonEmpty(l.button(), "list button label");
    if (l.button() != null) {
      f.max(l.button(), BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "list button label");
    }
    if (l.sections().size() > LIST_SECTIONS_MAX) {
      f.add(
          Code.LIST_SECTION_COUNT,
          l.sections().get(LIST_SECTIONS_MAX).span(),
          l.sections().size() + " sections; WhatsApp allows at most " + LIST_SECTIONS_MAX);
    }
    int rows = 0;
    Span eleventh = null;
    Map<String, Text> ids = new HashMap<>();
    for (Message.Section s : l.sections()) {
      if (l.sectioned()) {
        if (s.title() == null) {
          f.add(
              Code.LIST_SECTION_TITLE,
              s.span(),
              "section has no title; WhatsApp needs one on every section");
        } else {
          f.nonEmpty(s.title(), "section title");
          f.max(s.title(), LIST_TITLE_MAX, Code.LIST_TITLE_TOO_LONG, "section title");
        }
      }
      for (Message.Row r : s.rows()) {
        rows++;
        if (rows == LIST_ROWS_MAX + 1) {
          eleventh = r.span();
        }
        row(f, r, ids);
      }
    }
    if (eleventh != null) {
      f.add(
          Code.LIST_ROW_COUNT,
          eleventh,
          rows + " rows; WhatsApp allows at most " + LIST_ROWS_MAX + " across all sections");
    }
  }

  private static void row(Findings f, Message.Row r, Map<String, Text> ids) {
    f.nonEmpty(r.id(), "row id");
    f.nonEmpty(r.title(), "row title");
    f.nonEmpty(r.description(), "row description");
    f.max(r.title(), LIST_TITLE_MAX, Code.LIST_TITLE_TOO_LONG, "row title");
    if (r.description() != null) {
      f.max(
          r.description(), LIST_DESCRIPTION_MAX, Code.LIST_DESCRIPTION_TOO_LONG, "row description");
    }
    f.max(r.id(), LIST_ROW_ID_MAX, Code.LIST_ROW_ID, "row id");
    if (!r.id().templated()) {
      Text first = ids.putIfAbsent(r.id().value(), r.id());
      if (first != null) {
        f.add(
            Code.LIST_ROW_ID,
            r.id().span(),
            "row id \"" + r.id().value() + "\" is already used at line " + first.span().line());
      }
    }
  }
}
