package dev.chirp.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds a spec with every text field passed through one function (used to resolve). */
public final class Texts {
  private Texts() {}

  public static Spec map(Spec s, UnaryOperator<Text> f) {
    return new Spec(
        s.file(),
        s.id(),
        s.idSpan(),
        s.description(),
        s.locale(),
        s.variables(),
        s.message() == null ? null : message(s.message(), f),
        s.template() == null ? null : template(s.template(), f),
        s.replyTo() == null
            ? null
            : new Spec.ReplyTo(f.apply(s.replyTo().id()), s.replyTo().type(), s.replyTo().span()),
        opt(s.reference(), f),
        s.tags().stream().map(f).toList(),
        s.tagsSpan(),
        opt(s.scheduledFor(), f),
        s.validity(),
        s.flags(),
        s.flagSpans(),
        s.examples());
  }

  private static Text opt(Text t, UnaryOperator<Text> f) {
    return t == null ? null : f.apply(t);
  }

  private static Message message(Message m, UnaryOperator<Text> f) {
    if (m instanceof Message.TextMessage t) {
      return new Message.TextMessage(
          f.apply(t.text()), t.previewUrl(), actions(t.actions(), f), t.span());
    } else if (m instanceof Message.ImageMessage i) {
      return new Message.ImageMessage(
          i.images().stream()
              .map(x -> new Message.Image(f.apply(x.url()), opt(x.altText(), f), x.span()))
              .toList(),
          opt(i.text(), f),
          actions(i.actions(), f),
          i.span());
    } else if (m instanceof Message.FileMessage fm) {
      return new Message.FileMessage(
          fm.files().stream()
              .map(
                  x ->
                      new Message.File(
                          f.apply(x.url()),
                          opt(x.contentType(), f),
                          opt(x.filename(), f),
                          x.span()))
              .toList(),
          opt(fm.text(), f),
          actions(fm.actions(), f),
          fm.span());
    } else if (m instanceof Message.LocationMessage l) {
      return new Message.LocationMessage(
          coordinate(l.latitude(), f),
          coordinate(l.longitude(), f),
          opt(l.label(), f),
          opt(l.address(), f),
          l.span());
    } else if (m instanceof Message.ListMessage l) {
      List<Message.Section> sections = new ArrayList<>();
      for (Message.Section s : l.sections()) {
        sections.add(
            new Message.Section(
                opt(s.title(), f),
                s.rows().stream()
                    .map(
                        r ->
                            new Message.Row(
                                f.apply(r.id()),
                                f.apply(r.title()),
                                opt(r.description(), f),
                                r.span()))
                    .toList(),
                s.span()));
      }
      return new Message.ListMessage(
          opt(l.text(), f),
          opt(l.button(), f),
          opt(l.title(), f),
          opt(l.altText(), f),
          sections,
          l.sectioned(),
          l.span());
    } else if (m instanceof Message.CarouselMessage c) {
      return new Message.CarouselMessage(
          opt(c.text(), f),
          c.cards().stream()
              .map(
                  x ->
                      new Message.Card(
                          f.apply(x.title()),
                          opt(x.description(), f),
                          f.apply(x.media()),
                          opt(x.contentType(), f),
                          (Action.Link) action(x.link(), f),
                          x.span()))
              .toList(),
          c.span());
    }
    throw new IllegalStateException("unknown message kind " + m);
  }

  private static Message.Coordinate coordinate(Message.Coordinate c, UnaryOperator<Text> f) {
    if (c.value() != null) {
      return c;
    }
    Text t = f.apply(c.text());
    Double d = null;
    if (!t.templated()) {
      try {
        d = Double.parseDouble(t.value().trim());
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    return new Message.Coordinate(d, t, c.span());
  }

  private static List<Action> actions(List<Action> actions, UnaryOperator<Text> f) {
    return actions.stream().map(a -> action(a, f)).toList();
  }

  private static Action action(Action a, UnaryOperator<Text> f) {
    if (a instanceof Action.Reply r) {
      return new Action.Reply(f.apply(r.text()), r.span());
    } else if (a instanceof Action.Postback p) {
      return new Action.Postback(
          f.apply(p.text()), opt(p.payload(), f), opt(p.description(), f), p.span());
    } else if (a instanceof Action.Link l) {
      return new Action.Link(f.apply(l.text()), f.apply(l.url()), l.span());
    } else if (a instanceof Action.LocationRequest lr) {
      return new Action.LocationRequest(opt(lr.text(), f), lr.span());
    }
    throw new IllegalStateException("unknown action " + a);
  }

  private static Template template(Template t, UnaryOperator<Text> f) {
    return new Template(
        f.apply(t.projectId()),
        f.apply(t.version()),
        f.apply(t.locale()),
        t.parameters().stream()
            .map(p -> new Template.Parameter(p.key(), p.type(), f.apply(p.value()), p.keySpan()))
            .toList(),
        t.span());
  }

  /** Every text of a spec, in document order, for checks that look at all of them. */
  public static List<Text> all(Spec s) {
    List<Text> out = new ArrayList<>();
    map(
        s,
        t -> {
          out.add(t);
          return t;
        });
    return out;
  }
}
