package dev.chirp.rules;

import static dev.chirp.rules.Findings.clip;
import static dev.chirp.rules.Limits.BUTTONS_MAX;
import static dev.chirp.rules.Limits.BUTTON_ID_MAX;
import static dev.chirp.rules.Limits.BUTTON_TITLE_MAX;

import dev.chirp.diag.Code;
import dev.chirp.diag.Span;
import dev.chirp.spec.Action;
import dev.chirp.spec.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The buttons of a text, image or file message: counts, kinds that cannot mix, titles, ids. */
final class ButtonRules {
  private ButtonRules() {}

  static void check(Findings f, List<Action> actions) {
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
        MediaRules.linkUrl(f, l.url());
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
        f.nonEmpty(label, "button title");
        f.max(label, BUTTON_TITLE_MAX, Code.BUTTON_TITLE_TOO_LONG, "button title");
        if (!label.templated()) {
          Text first = titles.putIfAbsent(label.value(), label);
          if (first != null) {
            f.add(
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
        f.max(p.payload(), BUTTON_ID_MAX, Code.BUTTON_ID_TOO_LONG, "postback payload");
        if (!p.payload().templated()) {
          Text first = payloads.putIfAbsent(p.payload().value(), p.payload());
          if (first != null) {
            f.add(
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
      f.add(
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
      f.add(Code.BUTTON_MIX, at, what);
    }
  }

  /**
   * WhatsApp's location request is body text and its one "send location" button, nothing else; Bird
   * puts it on a text body. On media it has no form to take.
   */
  static void locationRequestOnTextOnly(Findings f, List<Action> actions, String media) {
    for (Action a : actions) {
      if (a instanceof Action.LocationRequest) {
        f.add(
            Code.BUTTON_MIX,
            a.span(),
            "a location request goes on a text message, not on "
                + media
                + " (WhatsApp sends it as text and one \"send location\" button)");
        return;
      }
    }
  }
}
