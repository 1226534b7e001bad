package dev.chirp.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagsTest {
  private static List<Tag> tags(String template) {
    Tags.Scan scan = Tags.scan(template);
    assertEquals(Optional.empty(), scan.problem(), template);
    return scan.tags();
  }

  private static Tags.Problem problem(String template) {
    return Tags.scan(template).problem().orElseThrow();
  }

  @Test
  void everyKindWithNameAndOffsets() {
    String t = "Hi {{name}}{{#eta}}, {{&eta}}{{/eta}}{{^eta}}!{{/eta}} {{! note }}{{> signoff}}";
    assertEquals(
        List.of(
            new Tag(Tag.Kind.VALUE, "name", 3, 11, "{{name}}"),
            new Tag(Tag.Kind.SECTION, "eta", 11, 19, "{{#eta}}"),
            new Tag(Tag.Kind.VALUE, "eta", 21, 29, "{{&eta}}"),
            new Tag(Tag.Kind.CLOSE, "eta", 29, 37, "{{/eta}}"),
            new Tag(Tag.Kind.INVERTED, "eta", 37, 45, "{{^eta}}"),
            new Tag(Tag.Kind.CLOSE, "eta", 46, 54, "{{/eta}}"),
            new Tag(Tag.Kind.COMMENT, "note", 55, 66, "{{! note }}"),
            new Tag(Tag.Kind.PARTIAL, "signoff", 66, 79, "{{> signoff}}")),
        tags(t));
  }

  @Test
  void tripleMustacheAndSpacesInsideTags() {
    assertEquals(
        List.of(
            new Tag(Tag.Kind.VALUE, "a", 0, 7, "{{{a}}}"),
            new Tag(Tag.Kind.VALUE, "b_2", 8, 17, "{{ b_2 }}"),
            new Tag(Tag.Kind.SECTION, "c", 17, 27, "{{ # c  }}"),
            new Tag(Tag.Kind.CLOSE, "c", 27, 33, "{{/c}}"),
            new Tag(Tag.Kind.PARTIAL, "sign-off_2", 33, 48, "{{>sign-off_2}}")),
        tags("{{{a}}} {{ b_2 }}{{ # c  }}{{/c}}{{>sign-off_2}}"));
  }

  @Test
  void noTagsInPlainText() {
    assertEquals(List.of(), tags("no tags { here } at all"));
  }

  @Test
  void tagsBeforeAProblemAreKept() {
    Tags.Scan scan = Tags.scan("{{a}} and {{b");
    assertEquals(List.of(new Tag(Tag.Kind.VALUE, "a", 0, 5, "{{a}}")), scan.tags());
    assertEquals(new Tags.Problem(10, "`{{` is never closed with `}}`"), scan.problem().get());
  }

  @Test
  void unclosedTag() {
    assertEquals(new Tags.Problem(3, "`{{` is never closed with `}}`"), problem("Hi {{name}, x"));
  }

  @Test
  void unclosedTripleTag() {
    assertEquals(new Tags.Problem(3, "`{{` is never closed with `}}}`"), problem("Hi {{{name}}"));
  }

  @Test
  void delimiterChange() {
    assertEquals(
        new Tags.Problem(2, "changing the delimiters (`{{=`) is not supported"),
        problem("a {{=<% %>=}} b"));
  }

  @Test
  void emptyTag() {
    assertEquals(new Tags.Problem(4, "an empty tag"), problem("abc {{ }}"));
    assertEquals(new Tags.Problem(0, "an empty tag"), problem("{{#}}"));
  }

  @Test
  void implicitIterator() {
    assertEquals(new Tags.Problem(1, "`{{.}}` has no meaning in a spec"), problem("x{{.}}"));
  }

  @Test
  void notAVariableName() {
    assertEquals(
        new Tags.Problem(0, "`user.name` is not a variable name (letters, digits and _)"),
        problem("{{user.name}}"));
    assertEquals(
        new Tags.Problem(3, "`1st` is not a variable name (letters, digits and _)"),
        problem("Hi {{1st}}"));
    assertEquals(
        new Tags.Problem(0, "`a b` is not a variable name (letters, digits and _)"),
        problem("{{#a b}}{{/a b}}"));
  }

  @Test
  void closeWithNothingOpen() {
    assertEquals(
        new Tags.Problem(4, "`{{/eta}}` closes nothing: no section is open"),
        problem("text{{/eta}}"));
  }

  @Test
  void mismatchedClose() {
    assertEquals(
        new Tags.Problem(7, "`{{/b}}` closes nothing: the open section is `a`"),
        problem("{{#a}}x{{/b}}"));
    assertEquals(
        new Tags.Problem(19, "`{{/b}}` closes nothing: the open section is `a`"),
        problem("{{#a}}{{^b}}y{{/b}}{{/b}}"));
  }

  @Test
  void unclosedSectionIsReportedAtItsOpeningTag() {
    assertEquals(
        new Tags.Problem(5, "section `eta` is never closed with `{{/eta}}`"),
        problem("Your {{#eta}}arrives {{eta}}."));
  }

  @Test
  void innermostUnclosedSectionIsReported() {
    assertEquals(
        new Tags.Problem(6, "section `b` is never closed with `{{/b}}`"), problem("{{#a}}{{^b}}x"));
  }
}
