package dev.chirp.rules;

import static dev.chirp.rules.Limits.BODY_MAX;
import static dev.chirp.rules.Limits.BUTTON_TITLE_MAX;
import static dev.chirp.rules.Limits.CARDS_MAX;
import static dev.chirp.rules.Limits.CARDS_MIN;
import static dev.chirp.rules.Limits.CARD_TEXT_MAX;

import dev.chirp.diag.Code;
import dev.chirp.diag.Span;
import dev.chirp.emit.Media;
import dev.chirp.spec.Message;
import dev.chirp.spec.Text;

/** A carousel: its card count, each card's texts and link, and one media kind for all cards. */
final class CarouselRules {
  private CarouselRules() {}

  static void check(Findings f, Message.CarouselMessage c) {
    f.nonEmpty(c.text(), "text");
    f.max(c.text(), BODY_MAX, Code.BODY_TOO_LONG, "carousel text");
    int n = c.cards().size();
    if (n < CARDS_MIN || n > CARDS_MAX) {
      Span at = n > CARDS_MAX ? c.cards().get(CARDS_MAX).span() : c.cards().get(0).span();
      f.add(
          Code.CAROUSEL_CARD_COUNT,
          at,
          n + (n == 1 ? " card" : " cards") + "; a WhatsApp carousel has 2 to 10");
    }
    String firstKind = null;
    Message.Card firstCard = null;
    for (Message.Card card : c.cards()) {
      f.nonEmpty(card.title(), "card title");
      f.nonEmpty(card.description(), "card description");
      f.nonEmpty(card.link().text(), "card button label");
      if (card.description() != null) {
        Text d = card.description();
        f.max(d, CARD_TEXT_MAX, Code.CAROUSEL_CARD_TEXT, "card description");
        if (!d.templated() && d.value().chars().filter(ch -> ch == '\n').count() > 2) {
          f.add(Code.CAROUSEL_CARD_TEXT, d.span(), "card description has more than 2 line breaks");
        }
      }
      f.max(card.link().text(), BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "card button label");
      MediaRules.linkUrl(f, card.link().url());
      if (!MediaRules.httpsUrl(f, card.media(), "card media URL")) {
        continue;
      }
      String kind = mediaKind(f, card);
      if (kind == null) {
        continue;
      }
      if (firstKind == null) {
        firstKind = kind;
        firstCard = card;
      } else if (!firstKind.equals(kind)) {
        f.add(
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

  /** "image" or "video", or null (reported when it is known to be neither) when it is unknown. */
  private static String mediaKind(Findings f, Message.Card card) {
    String type =
        card.contentType() != null && !card.contentType().templated()
            ? card.contentType().value()
            : Media.typeOf(card.media().value());
    if (type == null) {
      if (!card.media().templated()) {
        f.add(
            Code.CAROUSEL_MEDIA,
            card.media().span(),
            "cannot tell the card's media type from its URL; add `contentType`");
      }
      return null;
    }
    String kind =
        Media.IMAGE.contains(type) ? "image" : Media.VIDEO.contains(type) ? "video" : null;
    if (kind == null) {
      f.add(
          Code.CAROUSEL_MEDIA,
          card.media().span(),
          "card media is " + type + "; cards need image/jpeg, image/png, video/mp4 or video/3gpp");
    }
    return kind;
  }

  private static String article(String kind) {
    return (kind.equals("image") ? "an " : "a ") + kind;
  }
}
