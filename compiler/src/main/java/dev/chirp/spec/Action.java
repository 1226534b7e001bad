package dev.chirp.spec;

import dev.chirp.diag.Span;

/** A button under a message: reply, postback, link or location request. */
public sealed interface Action {
  Span span();

  /** The button's visible label, if it has one. */
  Text label();

  /** A quick-reply button; its text is echoed back when tapped. */
  record Reply(Text text, Span span) implements Action {
    @Override
    public Text label() {
      return text;
    }
  }

  /** A button that returns a payload; list rows are postbacks too. */
  record Postback(Text text, Text payload, Text description, Span span) implements Action {
    @Override
    public Text label() {
      return text;
    }
  }

  /** A call-to-action button that opens a URL. */
  record Link(Text text, Text url, Span span) implements Action {
    @Override
    public Text label() {
      return text;
    }
  }

  /** WhatsApp's "send location" button; {@code text} may be null for Bird's default label. */
  record LocationRequest(Text text, Span span) implements Action {
    @Override
    public Text label() {
      return text;
    }
  }
}
