package dev.chirp.rules;

import static dev.chirp.rules.Findings.clip;
import static dev.chirp.rules.Limits.BODY_MAX;
import static dev.chirp.rules.Limits.CAPTION_MAX;
import static dev.chirp.rules.Limits.TEXT_MAX;

import dev.chirp.diag.Code;
import dev.chirp.spec.Message;
import dev.chirp.spec.Text;
import java.util.regex.Pattern;

/**
 * A message by its kind: text, image, file and location here; lists and carousels in their own
 * classes.
 */
final class MessageRules {
  private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)https?://\\S");

  private MessageRules() {}

  static void check(Findings f, Message m) {
    if (m instanceof Message.TextMessage t) {
      text(f, t);
    } else if (m instanceof Message.ImageMessage i) {
      caption(f, i.text());
      for (Message.Image img : i.images()) {
        if (MediaRules.httpsUrl(f, img.url(), "image URL")) {
          MediaRules.imageType(f, img.url());
        }
      }
      ButtonRules.check(f, i.actions());
      ButtonRules.locationRequestOnTextOnly(f, i.actions(), "an image");
    } else if (m instanceof Message.FileMessage fm) {
      caption(f, fm.text());
      for (Message.File file : fm.files()) {
        MediaRules.httpsUrl(f, file.url(), "file URL");
        MediaRules.fileType(f, file);
      }
      ButtonRules.check(f, fm.actions());
      ButtonRules.locationRequestOnTextOnly(f, fm.actions(), "a file");
    } else if (m instanceof Message.LocationMessage l) {
      coordinate(f, l.latitude(), 90, "latitude");
      coordinate(f, l.longitude(), 180, "longitude");
    } else if (m instanceof Message.ListMessage l) {
      ListRules.check(f, l);
    } else if (m instanceof Message.CarouselMessage c) {
      CarouselRules.check(f, c);
    }
  }

  private static void text(Findings f, Message.TextMessage t) {
    f.nonEmpty(t.text(), "text");
    if (t.actions().isEmpty()) {
      f.max(t.text(), TEXT_MAX, Code.TEXT_TOO_LONG, "text");
    } else {
      f.max(t.text(), BODY_MAX, Code.BODY_TOO_LONG, "text of a message with buttons");
    }
    if (t.previewUrl() && !t.text().templated() && !URL_IN_TEXT.matcher(t.text().value()).find()) {
      f.add(
          Code.PREVIEW_WITHOUT_URL,
          t.text().span(),
          "previewUrl is set but the text has no http(s) URL to preview");
    }
    ButtonRules.check(f, t.actions());
  }

  private static void caption(Findings f, Text text) {
    if (text != null) {
      f.nonEmpty(text, "caption");
      f.max(text, CAPTION_MAX, Code.CAPTION_TOO_LONG, "caption");
    }
  }

  private static void coordinate(Findings f, Message.Coordinate c, int limit, String what) {
    if (c.text().templated()) {
      return;
    }
    Double v = c.value();
    if (v == null || v.isNaN() || v.isInfinite()) {
      f.add(
          Code.LOCATION_RANGE,
          c.span(),
          what + " \"" + clip(c.text().value()) + "\" is not a number");
    } else if (v < -limit || v > limit) {
      f.add(
          Code.LOCATION_RANGE,
          c.span(),
          what + " " + c.text().value() + " is outside -" + limit + " to " + limit);
    }
  }
}
