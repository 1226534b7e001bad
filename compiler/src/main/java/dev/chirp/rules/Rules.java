package dev.chirp.rules;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Media;
import dev.chirp.spec.Action;
import dev.chirp.spec.Message;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Template;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import dev.chirp.vars.Locate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * WhatsApp's and Bird's limits, checked on a spec. On a spec as written, a text that still holds
 * Mustache tags is skipped by the checks that need its final value (the variable bounds check
 * covers those); on a resolved spec every value is final and every check applies.
 */
public final class Rules {
  public static final int TEXT_MAX = 4096;
  public static final int BODY_MAX = 1024;
  public static final int CAPTION_MAX = 1024;
  public static final int BUTTONS_MAX = 3;
  public static final int BUTTON_TITLE_MAX = 20;
  public static final int BUTTON_ID_MAX = 256;
  public static final int LIST_SECTIONS_MAX = 10;
  public static final int LIST_ROWS_MAX = 10;
  public static final int LIST_TITLE_MAX = 24;
  public static final int LIST_HEADER_MAX = 60;
  public static final int LIST_DESCRIPTION_MAX = 72;
  public static final int LIST_ROW_ID_MAX = 200;
  public static final int CARDS_MIN = 2;
  public static final int CARDS_MAX = 10;
  public static final int CARD_TEXT_MAX = 160;
  public static final int TAGS_MAX = 10;
  public static final int TAG_MAX = 50;
  public static final int SCHEDULE_DAYS_MAX = 35;
  public static final int PAYLOAD_MAX_BYTES = 200_000;

  private static final Pattern TAG = Pattern.compile("^[a-zA-Z0-9-_ ]+$");
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)https?://\\S");

  private final String file;
  private final Clock clock;
  private final List<Diagnostic> out = new ArrayList<>();

  private final java.util.Map<String, dev.chirp.spec.Variable> variables;

  private Rules(
      String file, Clock clock, java.util.Map<String, dev.chirp.spec.Variable> variables) {
    this.file = file;
    this.clock = clock;
    this.variables = variables;
  }

  /** Every limit problem of {@code spec}; {@code clock} dates the 35-day schedule check. */
  public static List<Diagnostic> check(Spec spec, Clock clock) {
    return check(spec, clock, null);
  }

  /**
   * Every limit problem of {@code spec} as written in {@code source}, which also places hidden
   * characters at their exact column; with a null source (a resolved spec) that rule is left to
   * {@link #hiddenInValue}.
   */
  public static List<Diagnostic> check(Spec spec, Clock clock, SourceFile source) {
    Rules r = new Rules(spec.file(), clock, spec.variables());
    if (source != null) {
      for (Text t : Texts.all(spec)) {
        if (!t.url()) {
          r.hidden(t, source);
        }
      }
    }
    if (spec.message() != null) {
      r.message(spec.message());
    }
    if (spec.template() != null) {
      r.template(spec.template());
    }
    r.tags(spec);
    r.schedule(spec.scheduledFor());
    if (Boolean.TRUE.equals(spec.flags().get("capFrequency"))) {
      r.add(
          Code.CAP_FREQUENCY,
          spec.flagSpans().getOrDefault("capFrequency", Span.START),
          "capFrequency is only valid for a contact receiver with meta.extraInformation.useCase"
              + " \"marketing\", which chirp does not send; Bird may refuse the message");
    }
    return List.copyOf(r.out);
  }

  /**
   * Whether {@code cp} is a bidirectional override or isolate, or a zero-width character that is
   * neither a joiner emoji and scripts need (U+200C, U+200D).
   */
  public static boolean isHidden(int cp) {
    return (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200B
        || cp == 0x2060
        || cp == 0xFEFF
        || cp == 0x180E;
  }

  /** The char index of the first hidden character of {@code s}, or -1. */
  public static int firstHidden(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isHidden(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  private static int countHidden(String s) {
    return (int) s.codePoints().filter(Rules::isHidden).count();
  }

  private static String describeHidden(int cp) {
    String name = Character.getName(cp);
    return String.format(java.util.Locale.ROOT, "U+%04X", cp)
        + (name == null ? "" : " " + name.toLowerCase(java.util.Locale.ROOT));
  }

  /** One warning per hidden character of a text as written, at its column when it can be found. */
  private void hidden(Text t, SourceFile source) {
    String v = t.value();
    int shown = 0;
    for (int i = firstHidden(v); i >= 0 && shown < 5; ) {
      int cp = v.codePointAt(i);
      add(
              Code.HIDDEN_CHARACTERS,
              Locate.in(source, t, i, Character.charCount(cp)),
              "text holds "
                  + describeHidden(cp)
                  + ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                      ? ", which changes the direction of the text after it"
                      : ", which is invisible"))
          .withFix(
              "remove it; if it is intended, keep it and add `# chirp-ignore hidden-characters:"
                  + " why`");
      shown++;
      int next = i + Character.charCount(cp);
      int rest = firstHidden(v.substring(next));
      i = rest < 0 ? -1 : next + rest;
    }
  }

  /**
   * A warning when resolving {@code t} (as written) into {@code resolved} brought in hidden
   * characters from a value, or empty. {@code values} are the texts values render as.
   */
  public static java.util.Optional<Diagnostic> hiddenInValue(
      String file, Text t, String resolved, java.util.Map<String, ?> values) {
    if (t.url() || countHidden(resolved) <= countHidden(t.value())) {
      return java.util.Optional.empty();
    }
    for (dev.chirp.vars.Tag tag : dev.chirp.vars.Tags.scan(t.value()).tags()) {
      Object v = values.get(tag.name());
      if (v instanceof String s && firstHidden(s) >= 0) {
        return java.util.Optional.of(
            Diagnostic.of(
                Code.HIDDEN_CHARACTERS,
                file,
                t.span(),
                "the value of `"
                    + tag.name()
                    + "` puts "
                    + describeHidden(s.codePointAt(firstHidden(s)))
                    + " into this text; it is invisible or changes the text's direction"));
      }
    }
    int at = firstHidden(resolved);
    return java.util.Optional.of(
        Diagnostic.of(
            Code.HIDDEN_CHARACTERS,
            file,
            t.span(),
            "a value puts "
                + describeHidden(resolved.codePointAt(at))
                + " into this text; it is invisible or changes the text's direction"));
  }

  /** Whether {@code s} is a UUID in its canonical text form. */
  public static boolean isUuid(String s) {
    return UUID.matcher(s).matches();
  }

  private void message(Message m) {
    if (m instanceof Message.TextMessage t) {
      boolean interactive = !t.actions().isEmpty();
      nonEmpty(t.text(), "text");
      if (interactive) {
        max(t.text(), BODY_MAX, Code.BODY_TOO_LONG, "text of a message with buttons");
      } else {
        max(t.text(), TEXT_MAX, Code.TEXT_TOO_LONG, "text");
      }
      if (t.previewUrl()
          && !t.text().templated()
          && !URL_IN_TEXT.matcher(t.text().value()).find()) {
        add(
            Code.PREVIEW_WITHOUT_URL,
            t.text().span(),
            "previewUrl is set but the text has no http(s) URL to preview");
      }
      actions(t.actions(), m.span());
    } else if (m instanceof Message.ImageMessage i) {
      caption(i.text());
      for (Message.Image img : i.images()) {
        if (httpsUrl(img.url(), "image URL")) {
          mediaType(img.url(), null, "image");
        }
      }
      actions(i.actions(), m.span());
      locationRequestOnTextOnly(i.actions(), "an image");
    } else if (m instanceof Message.FileMessage f) {
      caption(f.text());
      for (Message.File file : f.files()) {
        httpsUrl(file.url(), "file URL");
        fileType(file);
      }
      actions(f.actions(), m.span());
      locationRequestOnTextOnly(f.actions(), "a file");
    } else if (m instanceof Message.LocationMessage l) {
      coordinate(l.latitude(), 90, "latitude");
      coordinate(l.longitude(), 180, "longitude");
    } else if (m instanceof Message.ListMessage l) {
      list(l);
    } else if (m instanceof Message.CarouselMessage c) {
      carousel(c);
    }
  }

  private void caption(Text text) {
    if (text != null) {
      nonEmpty(text, "caption");
      max(text, CAPTION_MAX, Code.CAPTION_TOO_LONG, "caption");
    }
  }

  /**
   * WhatsApp's location request is body text and its one "send location" button, nothing else; Bird
   * puts it on a text body. On media it has no form to take.
   */
  private void locationRequestOnTextOnly(List<Action> actions, String media) {
    for (Action a : actions) {
      if (a instanceof Action.LocationRequest) {
        add(
            Code.BUTTON_MIX,
            a.span(),
            "a location request goes on a text message, not on "
                + media
                + " (WhatsApp sends it as text and one \"send location\" button)");
        return;
      }
    }
  }

  private void actions(List<Action> actions, Span messageSpan) {
    if (actions.isEmpty()) {
      return;
    }
    int buttons = 0;
    int links = 0;
    int locationRequests = 0;
    Span extraButton = null;
    Span secondLink = null;
    Span secondLocationRequest = null;
    Span otherKind = null;
    String firstKind = null;
    Map<String, Text> titles = new HashMap<>();
    Map<String, Text> payloads = new HashMap<>();
    for (Action a : actions) {
      String kind;
      if (a instanceof Action.Reply || a instanceof Action.Postback) {
        kind = "button";
        buttons++;
        if (buttons == BUTTONS_MAX + 1) {
          extraButton = a.span();
        }
      } else if (a instanceof Action.Link l) {
        kind = "link";
        links++;
        if (links == 2) {
          secondLink = a.span();
        }
        linkUrl(l.url());
      } else {
        kind = "locationRequest";
        locationRequests++;
        if (locationRequests == 2) {
          secondLocationRequest = a.span();
        }
      }
      if (firstKind == null) {
        firstKind = kind;
      } else if (otherKind == null && !firstKind.equals(kind)) {
        otherKind = a.span();
      }
      Text label = a.label();
      if (label != null) {
        nonEmpty(label, "button title");
        max(label, BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "button title");
        if (!label.templated()) {
          Text first = titles.putIfAbsent(label.value(), label);
          if (first != null) {
            add(
                Code.BUTTON_TITLE_DUPLICATE,
                label.span(),
                "button title \""
                    + label.value()
                    + "\" is already used at line "
                    + first.span().line());
          }
        }
      }
      if (a instanceof Action.Postback p && p.payload() != null) {
        max(p.payload(), BUTTON_ID_MAX, Code.BUTTON_ID_TOO_LONG, "postback payload");
        if (!p.payload().templated()) {
          Text first = payloads.putIfAbsent(p.payload().value(), p.payload());
          if (first != null) {
            add(
                Code.BUTTON_ID_DUPLICATE,
                p.payload().span(),
                "postback payload \""
                    + clip(p.payload().value())
                    + "\" is already used at line "
                    + first.span().line());
          }
        }
      }
    }
    if (buttons > BUTTONS_MAX) {
      add(
          Code.BUTTON_COUNT,
          extraButton,
          buttons + " reply/postback buttons; WhatsApp shows at most " + BUTTONS_MAX);
    }
    int kinds = (buttons > 0 ? 1 : 0) + (links > 0 ? 1 : 0) + (locationRequests > 0 ? 1 : 0);
    if (kinds > 1 || links > 1 || locationRequests > 1) {
      Span at = links > 1 ? secondLink : locationRequests > 1 ? secondLocationRequest : otherKind;
      String what =
          links > 1
              ? links + " link buttons; a message has at most one"
              : locationRequests > 1
                  ? locationRequests + " location requests; a message has at most one"
                  : "reply/postback buttons, link buttons and location requests cannot be mixed";
      add(Code.BUTTON_MIX, at, what);
    }
  }

  private void list(Message.ListMessage l) {
    nonEmpty(l.text(), "text");
    max(l.text(), BODY_MAX, Code.BODY_TOO_LONG, "list text");
    if (l.title() != null) {
      max(l.title(), LIST_HEADER_MAX, Code.LIST_HEADER_TOO_LONG, "list title (the header)");
    }
    nonEmpty(l.button(), "list button label");
    if (l.button() != null) {
      max(l.button(), BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "list button label");
    }
    if (l.sections().size() > LIST_SECTIONS_MAX) {
      add(
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
          add(
              Code.LIST_SECTION_TITLE,
              s.span(),
              "section has no title; WhatsApp needs one on every section");
        } else {
          nonEmpty(s.title(), "section title");
          max(s.title(), LIST_TITLE_MAX, Code.LIST_TITLE_TOO_LONG, "section title");
        }
      }
      for (Message.Row r : s.rows()) {
        rows++;
        if (rows == LIST_ROWS_MAX + 1) {
          eleventh = r.span();
        }
        nonEmpty(r.id(), "row id");
        nonEmpty(r.title(), "row title");
        nonEmpty(r.description(), "row description");
        max(r.title(), LIST_TITLE_MAX, Code.LIST_TITLE_TOO_LONG, "row title");
        if (r.description() != null) {
          max(
              r.description(),
              LIST_DESCRIPTION_MAX,
              Code.LIST_DESCRIPTION_TOO_LONG,
              "row description");
        }
        max(r.id(), LIST_ROW_ID_MAX, Code.LIST_ROW_ID, "row id");
        if (!r.id().templated()) {
          Text first = ids.putIfAbsent(r.id().value(), r.id());
          if (first != null) {
            add(
                Code.LIST_ROW_ID,
                r.id().span(),
                "row id \"" + r.id().value() + "\" is already used at line " + first.span().line());
          }
        }
      }
    }
    if (eleventh != null) {
      add(
          Code.LIST_ROW_COUNT,
          eleventh,
          rows + " rows; WhatsApp allows at most " + LIST_ROWS_MAX + " across all sections");
    }
  }

  private void carousel(Message.CarouselMessage c) {
    nonEmpty(c.text(), "text");
    max(c.text(), BODY_MAX, Code.BODY_TOO_LONG, "carousel text");
    int n = c.cards().size();
    if (n < CARDS_MIN || n > CARDS_MAX) {
      Span at = n > CARDS_MAX ? c.cards().get(CARDS_MAX).span() : c.cards().get(0).span();
      add(
          Code.CAROUSEL_CARD_COUNT,
          at,
          n + (n == 1 ? " card" : " cards") + "; a WhatsApp carousel has 2 to 10");
    }
    String firstKind = null;
    Message.Card firstCard = null;
    for (Message.Card card : c.cards()) {
      nonEmpty(card.title(), "card title");
      nonEmpty(card.description(), "card description");
      nonEmpty(card.link().text(), "card button label");
      if (card.description() != null) {
        Text d = card.description();
        max(d, CARD_TEXT_MAX, Code.CAROUSEL_CARD_TEXT, "card description");
        if (!d.templated() && d.value().chars().filter(ch -> ch == '\n').count() > 2) {
          add(Code.CAROUSEL_CARD_TEXT, d.span(), "card description has more than 2 line breaks");
        }
      }
      max(card.link().text(), BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "card button label");
      linkUrl(card.link().url());
      if (!httpsUrl(card.media(), "card media URL")) {
        continue;
      }
      String type =
          card.contentType() != null && !card.contentType().templated()
              ? card.contentType().value()
              : Media.typeOf(card.media().value());
      if (type == null) {
        if (!card.media().templated() || Media.extension(card.media().value()) == null) {
          if (!card.media().templated()) {
            add(
                Code.CAROUSEL_MEDIA,
                card.media().span(),
                "cannot tell the card's media type from its URL; add `contentType`");
          }
        }
        continue;
      }
      String kind =
          Media.IMAGE.contains(type) ? "image" : Media.VIDEO.contains(type) ? "video" : null;
      if (kind == null) {
        add(
            Code.CAROUSEL_MEDIA,
            card.media().span(),
            "card media is "
                + type
                + "; cards need image/jpeg, image/png, video/mp4 or video/3gpp");
      } else if (firstKind == null) {
        firstKind = kind;
        firstCard = card;
      } else if (!firstKind.equals(kind)) {
        add(
            Code.CAROUSEL_MEDIA,
            card.media().span(),
            "card media is "
                + article(kind)
                + " but the card at line "
                + firstCard.span().line()
                + " has "
                + article(firstKind)
                + "; all cards must be images or all videos");
      }
    }
  }

  private void fileType(Message.File f) {
    String type;
    if (f.contentType() != null) {
      if (f.contentType().templated()) {
        return;
      }
      type = f.contentType().value();
    } else {
      type = Media.typeOf(f.url().value());
      if (type == null) {
        if (!f.url().templated() || Media.extension(f.url().value()) == null) {
          add(
              Code.CONTENT_TYPE_UNKNOWN,
              f.url().span(),
              "cannot infer the file's content type from its URL; add `contentType`, e.g. application/pdf");
        }
        return;
      }
      add(
          Code.CONTENT_TYPE_INFERRED,
          f.url().span(),
          "contentType inferred as "
              + type
              + " from the URL's extension ."
              + Media.extension(f.url().value()));
    }
    if (!Media.isFileType(type)) {
      Span at = f.contentType() != null ? f.contentType().span() : f.url().span();
      String hint = Media.IMAGE.contains(type) ? "; send images with `images`" : "";
      add(Code.MEDIA_TYPE, at, "WhatsApp does not accept " + type + " as a file" + hint);
    }
  }

  private void mediaType(Text url, Text contentType, String kind) {
    String type = Media.typeOf(url.value());
    if (type == null) {
      return;
    }
    if (type.equals("image/webp")) {
      add(
              Code.MEDIA_TYPE,
              url.span(),
              "WhatsApp shows WebP images as stickers; use JPEG or PNG for an image")
          .withSeverityWarning();
    } else if (!Media.IMAGE.contains(type)) {
      add(
          Code.MEDIA_TYPE,
          url.span(),
          "image is " + type + "; WhatsApp images must be image/jpeg or image/png");
    }
  }

  /** Checks a media URL; returns whether it is a literal https URL worth further checks. */
  private boolean httpsUrl(Text url, String what) {
    if (url.templated()) {
      String v = url.value();
      if (!v.startsWith("{{") && !v.startsWith("https://")) {
        add(Code.MEDIA_URL, url.span(), what + " must start with https://");
      }
      return true;
    }
    if (!"https".equals(dev.chirp.emit.Urls.httpScheme(url.value()))) {
      Added added =
          add(
              Code.MEDIA_URL,
              url.span(),
              what + " \"" + clip(url.value()) + "\" is not an https URL with a host");
      dev.chirp.emit.Urls.spacesFix(url.value()).ifPresent(added::withFix);
      return false;
    }
    return true;
  }

  private void linkUrl(Text url) {
    if (url.templated()) {
      return;
    }
    if (dev.chirp.emit.Urls.httpScheme(url.value()) == null) {
      Added added =
          add(
              Code.MEDIA_URL,
              url.span(),
              "link URL \"" + clip(url.value()) + "\" is not an absolute http(s) URL");
      dev.chirp.emit.Urls.spacesFix(url.value()).ifPresent(added::withFix);
    }
  }

  private void coordinate(Message.Coordinate c, int limit, String what) {
    if (c.text().templated()) {
      return;
    }
    Double v = c.value();
    if (v == null || v.isNaN() || v.isInfinite()) {
      add(
          Code.LOCATION_RANGE,
          c.span(),
          what + " \"" + clip(c.text().value()) + "\" is not a number");
    } else if (v < -limit || v > limit) {
      add(
          Code.LOCATION_RANGE,
          c.span(),
          what + " " + c.text().value() + " is outside -" + limit + " to " + limit);
    }
  }

  private void template(Template t) {
    if (!t.projectId().templated() && !isUuid(t.projectId().value())) {
      add(
          Code.TEMPLATE_ID,
          t.projectId().span(),
          "projectId \"" + clip(t.projectId().value()) + "\" is not a UUID");
    }
    String version = t.version().value();
    if (!t.version().templated() && !version.equals("latest") && !isUuid(version)) {
      add(
          Code.TEMPLATE_ID,
          t.version().span(),
          "version \"" + clip(version) + "\" is neither `latest` nor a UUID");
    }
    for (Template.Parameter p : t.parameters()) {
      Text v = p.value();
      if (v.templated()) {
        continue;
      }
      String s = v.value();
      switch (p.type()) {
        case "number" -> {
          try {
            new java.math.BigDecimal(s.trim());
          } catch (NumberFormatException e) {
            add(
                Code.TEMPLATE_PARAMETER_VALUE,
                v.span(),
                "parameter `"
                    + p.key()
                    + "` is a number parameter but its value is \""
                    + clip(s)
                    + "\"");
          }
        }
        case "boolean" -> {
          if (!s.trim().equals("true") && !s.trim().equals("false")) {
            add(
                Code.TEMPLATE_PARAMETER_VALUE,
                v.span(),
                "parameter `"
                    + p.key()
                    + "` is a boolean parameter but its value is \""
                    + clip(s)
                    + "\"");
          }
        }
        default -> {
          if (s.isEmpty()) {
            add(
                Code.TEMPLATE_PARAMETER_VALUE,
                v.span(),
                "parameter `" + p.key() + "` is empty; WhatsApp rejects empty parameters");
          } else if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0) {
            add(
                Code.TEMPLATE_PARAMETER_VALUE,
                v.span(),
                "parameter `"
                    + p.key()
                    + "` contains a "
                    + (s.indexOf('\t') >= 0 ? "tab" : "line break")
                    + "; WhatsApp rejects them in parameter values");
          } else if (s.contains("     ")) {
            add(
                Code.TEMPLATE_PARAMETER_VALUE,
                v.span(),
                "parameter `"
                    + p.key()
                    + "` has more than 4 spaces in a row; WhatsApp rejects that");
          }
        }
      }
    }
  }

  private void tags(Spec s) {
    if (s.tags().size() > TAGS_MAX) {
      add(
          Code.TAGS,
          s.tags().get(TAGS_MAX).span(),
          s.tags().size() + " tags; Bird accepts at most " + TAGS_MAX);
    }
    for (Text t : s.tags()) {
      if (t.templated()) {
        continue;
      }
      if (t.value().isEmpty() || t.length() > TAG_MAX) {
        add(
            Code.TAGS,
            t.span(),
            "tag \""
                + clip(t.value())
                + "\" is "
                + t.length()
                + " characters; Bird accepts 1 to "
                + TAG_MAX);
      } else if (!TAG.matcher(t.value()).matches()) {
        add(
            Code.TAGS,
            t.span(),
            "tag \""
                + clip(t.value())
                + "\" has characters other than letters, digits, `-`, `_` and spaces");
      }
    }
  }

  private void schedule(Text t) {
    if (t == null || t.templated()) {
      return;
    }
    OffsetDateTime when;
    try {
      if (!dev.chirp.vars.Values.isRfc3339(t.value())) {
        throw new DateTimeParseException("not RFC 3339", t.value(), 0);
      }
      when = OffsetDateTime.parse(t.value());
    } catch (DateTimeParseException e) {
      add(
          Code.SCHEDULE,
          t.span(),
          "scheduledFor \""
              + clip(t.value())
              + "\" is not an RFC 3339 time such as 2026-12-01T09:00:00Z");
      return;
    }
    OffsetDateTime limit = OffsetDateTime.now(clock).plus(Duration.ofDays(SCHEDULE_DAYS_MAX));
    if (when.isAfter(limit)) {
      add(
          Code.SCHEDULE,
          t.span(),
          "scheduledFor "
              + t.value()
              + " is more than "
              + SCHEDULE_DAYS_MAX
              + " days ahead; Bird rejects it");
    }
  }

  private void nonEmpty(Text t, String what) {
    if (t != null && !t.templated() && t.value().isEmpty()) {
      add(Code.TEXT_EMPTY, t.span(), what + " is empty; Bird needs at least one character");
    }
  }

  private void max(Text t, int limit, Code code, String what) {
    if (t != null && t.templated()) {
      bounds(t, limit, what);
      return;
    }
    if (t == null || t.length() <= limit) {
      return;
    }
    Added added =
        add(
            code,
            t.span(),
            String.format(
                java.util.Locale.ROOT,
                "%s is %s; WhatsApp allows %,d",
                what,
                dev.chirp.vars.Values.length(t.value()),
                limit));
    if (code == Code.BUTTON_TITLE_TOO_LONG) {
      added.withFix(
          shorten(t.value(), limit) + "; a button is a short label, the text can say more");
    }
  }

  /** "shorten it by N characters to at most LIMIT", in the unit the length was given in. */
  private static String shorten(String value, int limit) {
    int over = value.length() - limit;
    boolean astral = value.codePointCount(0, value.length()) != value.length();
    String unit = astral ? "UTF-16 code unit" : "character";
    return String.format(
        java.util.Locale.ROOT,
        "shorten it by %,d %s%s to at most %,d%s",
        over,
        unit,
        over == 1 ? "" : "s",
        limit,
        astral ? " (an emoji counts 2)" : "");
  }

  private static String article(String kind) {
    return (kind.equals("image") ? "an " : "a ") + kind;
  }

  /**
   * The static bound of a templated field: its shortest and longest possible length from the
   * literal text and each variable's declared bounds. Section content counts toward the longest but
   * not the shortest, since a section may be left out.
   */
  private void bounds(Text t, int limit, String what) {
    dev.chirp.vars.Tags.Scan scan = dev.chirp.vars.Tags.scan(t.value());
    if (scan.problem().isPresent()) {
      return; // reported as var-syntax by the variable check
    }
    long min = 0;
    long max = 0;
    int depth = 0;
    int pos = 0;
    java.util.Map<String, Integer> bounded = new java.util.LinkedHashMap<>();
    java.util.Set<String> unbounded = new java.util.LinkedHashSet<>();
    int unboundedUses = 0;
    for (dev.chirp.vars.Tag tag : scan.tags()) {
      int literal = tag.start() - pos;
      max += literal;
      if (depth == 0) {
        min += literal;
      }
      pos = tag.end();
      switch (tag.kind()) {
        case VALUE -> {
          dev.chirp.spec.Variable v = variables.get(tag.name());
          if (v == null) {
            continue; // reported as var-undeclared
          }
          Integer most = dev.chirp.vars.Values.maxLength(v);
          if (most == null) {
            unbounded.add(tag.name());
            unboundedUses++;
          } else {
            max += most;
            bounded.putIfAbsent(tag.name(), most);
          }
          if (depth == 0 && v.required() && v.defaultValue() == null) {
            min += dev.chirp.vars.Values.minLength(v);
          }
        }
        case SECTION, INVERTED -> depth++;
        case CLOSE -> depth--;
        default -> {}
      }
    }
    int tail = t.value().length() - pos;
    max += tail;
    min += tail;
    if (min > limit) {
      add(
          Code.BOUND_EXCEEDS,
          t.span(),
          String.format(
              java.util.Locale.ROOT,
              "%s is at least %,d characters whatever the values; WhatsApp allows %,d",
              what,
              min,
              limit));
    } else if (!unbounded.isEmpty()) {
      // Each use of an unbounded variable takes its full length, so share the room among uses.
      long room = suggestedMaxLength(Math.max(1, (limit - max) / unboundedUses));
      String names = String.join(", ", unbounded.stream().map(n -> "`" + n + "`").toList());
      Added added =
          add(
              Code.BOUND_UNKNOWN,
              t.span(),
              String.format(
                  java.util.Locale.ROOT,
                  "%s has no upper bound: %s %s no maxLength; WhatsApp allows %,d",
                  what,
                  names,
                  unbounded.size() == 1 ? "has" : "have",
                  limit));
      for (String name : unbounded) {
        if (variables.get(name).pattern() != null) {
          added.withNote(
              "the pattern of `"
                  + name
                  + "` does not bound its length (it has *, + or {n,}, or chirp cannot tell)");
        }
      }
      added.withFix(
          "declare maxLength: "
              + room
              + (unbounded.size() == 1 ? "" : " on each")
              + " to stay within the limit");
    } else if (max > limit) {
      List<String> parts = new ArrayList<>();
      bounded.forEach(
          (k, v) -> parts.add(k + " is " + String.format(java.util.Locale.ROOT, "%,d", v)));
      String when =
          parts.size() == 1
              ? parts.get(0)
              : String.join(", ", parts.subList(0, parts.size() - 1))
                  + " and "
                  + parts.get(parts.size() - 1);
      add(
          Code.BOUND_MAY_EXCEED,
          t.span(),
          String.format(
              java.util.Locale.ROOT,
              "%s can reach %,d of %,d characters when %s",
              what,
              max,
              limit,
              when));
    }
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /**
   * The maxLength that bound-unknown suggests for {@code room}, the most characters each unbounded
   * use can take with the rest of the field at its longest: the room rounded down to its leading
   * digit (13 → 10, 72 → 70, 3,983 → 3,000), so the hint is a number a person would write and not
   * the exact remaining budget; a room under 10 is suggested as it is. It always fits the limit.
   */
  static long suggestedMaxLength(long room) {
    long step = 1;
    while (room / step >= 10) {
      step *= 10;
    }
    return room / step * step;
  }

  /** A diagnostic just added, so that a caller can adjust it. */
  private final class Added {
    private final int index;

    Added(int index) {
      this.index = index;
    }

    void withSeverityWarning() {
      out.set(index, out.get(index).withSeverity(dev.chirp.diag.Severity.WARNING));
    }

    void withFix(String hint) {
      out.set(index, out.get(index).withFix(hint));
    }

    void withNote(String note) {
      out.set(index, out.get(index).withNote(note));
    }
  }

  private Added add(Code code, Span span, String message) {
    out.add(Diagnostic.of(code, file, span, message));
    return new Added(out.size() - 1);
  }
}
