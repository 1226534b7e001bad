package dev.chirp.rules;

import static dev.chirp.rules.Findings.clip;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.Span;
import dev.chirp.emit.Media;
import dev.chirp.emit.Urls;
import dev.chirp.spec.Message;
import dev.chirp.spec.Text;

/** URLs of media and links, and the content types WhatsApp accepts for images and files. */
final class MediaRules {
  private MediaRules() {}

  /** Checks a media URL; returns whether it is a literal https URL worth further checks. */
  static boolean httpsUrl(Findings f, Text url, String what) {
    if (url.templated()) {
      String v = url.value();
      if (!v.startsWith("{{") && !v.startsWith("https://")) {
        f.add(Code.MEDIA_URL, url.span(), what + " must start with https://");
      }
      return true;
    }
    if (!"https".equals(Urls.httpScheme(url.value()))) {
      Diagnostic d =
          f.of(
              Code.MEDIA_URL,
              url.span(),
              what + " \"" + clip(url.value()) + "\" is not an https URL with a host");
      f.add(Urls.spacesFix(url.value()).map(d::withFix).orElse(d));
      return false;
    }
    return true;
  }

  static void linkUrl(Findings f, Text url) {
    if (url.templated()) {
      return;
    }
    if (Urls.httpScheme(url.value()) == null) {
      Diagnostic d =
          f.of(
              Code.MEDIA_URL,
              url.span(),
              "link URL \"" + clip(url.value()) + "\" is not an absolute http(s) URL");
      f.add(Urls.spacesFix(url.value()).map(d::withFix).orElse(d));
    }
  }

  static void fileType(Findings f, Message.File file) {
    String type;
    if (file.contentType() != null) {
      if (file.contentType().templated()) {
        return;
      }
      type = file.contentType().value();
    } else {
      type = Media.typeOf(file.url().value());
      if (type == null) {
        if (!file.url().templated() || Media.extension(file.url().value()) == null) {
          f.add(
              Code.CONTENT_TYPE_UNKNOWN,
              file.url().span(),
              "cannot infer the file's content type from its URL; add `contentType`, e.g. application/pdf");
        }
        return;
      }
      f.add(
          Code.CONTENT_TYPE_INFERRED,
          file.url().span(),
          "contentType inferred as "
              + type
              + " from the URL's extension ."
              + Media.extension(file.url().value()));
    }
    if (!Media.isFileType(type)) {
      Span at = file.contentType() != null ? file.contentType().span() : file.url().span();
      String hint = Media.IMAGE.contains(type) ? "; send images with `images`" : "";
      f.add(Code.MEDIA_TYPE, at, "WhatsApp does not accept " + type + " as a file" + hint);
    }
  }

  static void imageType(Findings f, Text url) {
    String type = Media.typeOf(url.value());
    if (type == null) {
      return;
    }
    if (type.equals("image/webp")) {
      f.add(
          f.of(
                  Code.MEDIA_TYPE,
                  url.span(),
                  "WhatsApp shows WebP images as stickers; use JPEG or PNG for an image")
              .withSeverity(Severity.WARNING));
    } else if (!Media.IMAGE.contains(type)) {
      f.add(
          Code.MEDIA_TYPE,
          url.span(),
          "image is " + type + "; WhatsApp images must be image/jpeg or image/png");
    }
  }
}
