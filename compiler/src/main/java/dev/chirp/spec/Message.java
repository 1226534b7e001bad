package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.List;

/** A free-form message (Bird {@code body}), one record per kind; its lists are copied. */
public sealed interface Message {
  /** Where the {@code message} mapping starts. */
  Span span();

  /** The Bird body type this kind is sent as. */
  String birdType();

  record TextMessage(Text text, boolean previewUrl, List<Action> actions, Span span)
      implements Message {
    public TextMessage {
      actions = List.copyOf(actions);
    }

    @Override
    public String birdType() {
      return "text";
    }
  }

  record Image(Text url, Text altText, Span span) {}

  record ImageMessage(List<Image> images, Text text, List<Action> actions, Span span)
      implements Message {
    public ImageMessage {
      images = List.copyOf(images);
      actions = List.copyOf(actions);
    }

    @Override
    public String birdType() {
      return "image";
    }
  }

  /** A file; {@code contentType} is null when it must be inferred from the URL. */
  record File(Text url, Text contentType, Text filename, Span span) {}

  record FileMessage(List<File> files, Text text, List<Action> actions, Span span)
      implements Message {
    public FileMessage {
      files = List.copyOf(files);
      actions = List.copyOf(actions);
    }

    @Override
    public String birdType() {
      return "file";
    }
  }

  /** A coordinate: a number, or a templated string resolved to one. */
  record Coordinate(Double value, Text text, Span span) {}

  record LocationMessage(
      Coordinate latitude, Coordinate longitude, Text label, Text address, Span span)
      implements Message {
    @Override
    public String birdType() {
      return "location";
    }
  }

  record Row(Text id, Text title, Text description, Span span) {}

  /** A list section; {@code title} is null for a list without sections. */
  record Section(Text title, List<Row> rows, Span span) {
    public Section {
      rows = List.copyOf(rows);
    }
  }

  /**
   * A list; {@code altText} is Bird's {@code list.altText} (how WhatsApp shows it is not
   * documented), null when not written.
   */
  record ListMessage(
      Text text,
      Text button,
      Text title,
      Text altText,
      List<Section> sections,
      boolean sectioned,
      Span span)
      implements Message {
    public ListMessage {
      sections = List.copyOf(sections);
    }

    @Override
    public String birdType() {
      return "list";
    }
  }

  record Card(
      Text title, Text description, Text media, Text contentType, Action.Link link, Span span) {}

  record CarouselMessage(Text text, List<Card> cards, Span span) implements Message {
    public CarouselMessage {
      cards = List.copyOf(cards);
    }

    @Override
    public String birdType() {
      return "carousel";
    }
  }
}
