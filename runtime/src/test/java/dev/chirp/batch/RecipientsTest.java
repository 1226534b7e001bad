package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chirp.vars.Binding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipients reader: formats, physical line numbers, and every kind of unreadable row. */
class RecipientsTest {
  @TempDir Path dir;

  /** Every entry of {@code name} holding {@code bytes}, one string each. */
  List<String> read(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    List<String> out = new ArrayList<>();
    try (Recipients r = Recipients.open(f, name)) {
      if (r.columns() != null) {
        out.add("columns " + r.columns());
      }
      while (r.hasNext()) {
        out.add(show(r.next()));
      }
    }
    return out;
  }

  List<String> read(String name, String text) throws IOException {
    return read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static String show(Recipients.Entry e) {
    if (e instanceof Recipients.Bad b) {
      return b.line() + " BAD" + (b.fatal() ? "!" : "") + " [" + b.column() + "] " + b.reason();
    }
    Recipients.Row r = (Recipients.Row) e;
    return r.line()
        + " "
        + (r.to() != null ? "to=" + r.to() : "contactId=" + r.contactId())
        + r.values().stream().map(RecipientsTest::show).collect(Collectors.joining(""));
  }

  static String show(Binding b) {
    return " "
        + b.name()
        + "="
        + b.value()
        + "("
        + b.value().getClass().getSimpleName()
        + " "
        + b.span().line()
        + ":"
        + b.span().column()
        + ")";
  }

  @Test
  void csvWithBomCrlfMultilineFieldAndBlankLines() throws IOException {
    String text =
        "\uFEFFto,name,code\r\n"
            + "+31612345601,Ada,ABC\r\n"
            + "\r\n"
            + "+31612345602,\"three\r\nline\r\nname\",DEF\r\n"
            + "+31612345603,Bob,\r\n"
            + "\r\n"
            + "\r\n"
            + "+31612345604,\"say \"\"hi\"\"\",GHI\r\n";
    assertEquals(
        List.of(
            "columns [to, name, code]",
            "2 to=+31612345601 name=Ada(String 2:2) code=ABC(String 2:3)",
            "4 to=+31612345602 name=three\r\nline\r\nname(String 4:2) code=DEF(String 4:3)",
            "7 to=+31612345603 name=Bob(String 7:2)",
            "10 to=+31612345604 name=say \"hi\"(String 10:2) code=GHI(String 10:3)"),
        read("r.csv", text));
  }

  @Test
  void csvLfAndNoFinalNewline() throws IOException {
    assertEquals(
        List.of(
            "columns [to, name]",
            "2 to=+31612345601 name=\"x\n\ny\"(String 2:2)".replace("\"x\n\ny\"", "x\n\ny"),
            "5 to=+31612345602 name=Z(String 5:2)"),
        read("r.csv", "to,name\n+31612345601,\"x\n\ny\"\n+31612345602,Z"));
  }

  @Test
  void csvWrongFieldCounts() throws IOException {
    assertEquals(
        List.of(
            "columns [to, name, code]",
            "2 BAD [null] has 2 fields, the header has 3",
            "3 BAD [null] has 4 fields, the header has 3",
            "4 BAD [null] has 1 field, the header has 3",
            "5 to=+31612345605 name=E(String 5:2) code=EEE(String 5:3)"),
        read(
            "r.csv",
            "to,name,code\n+31612345602,B\n+31612345603,C,CCC,extra\n+31612345604\n"
                + "+31612345605,E,EEE\n"));
  }

  @Test
  void csvUnclosedQuoteIsFatalAtItsLine() throws IOException {
    assertEquals(
        List.of(
            "columns [to, name]",
            "2 to=+31612345601 name=A(String 2:2)",
            "3 BAD! [null] cannot be read: a quoted field is never closed; the rest of the file is not read"),
        read("r.csv", "to,name\n+31612345601,A\n+31612345602,\"never closed\n+31612345603,C\n"));
  }

  @Test
  void csvInvalidUtf8InTheMiddleIsFatalAtItsLine() throws IOException {
    byte[] head = "to,name\n+31612345601,A\n+31612345602,".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "B\n+31612345603,C\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xC3;
    all[head.length + 1] = (byte) 0x28; // not a continuation byte
    System.arraycopy(tail, 0, all, head.length + 2, tail.length);
    assertEquals(
        List.of(
            "columns [to, name]",
            "2 to=+31612345601 name=A(String 2:2)",
            "3 BAD! [null] cannot be read: not valid UTF-8; the rest of the file is not read"),
        read("r.csv", all));
  }

  @Test
  void csvEmptyFileIsAnError() {
    IOException e = assertThrows(IOException.class, () -> read("r.csv", ""));
    assertEquals("r.csv:1: the file is empty; a CSV file starts with a header row", e.getMessage());
  }

  @Test
  void bomOnlyAndEmptyJsonLinesAreErrors() {
    IOException e = assertThrows(IOException.class, () -> read("r.csv", "\uFEFF"));
    assertEquals("r.csv:1: the file is empty; a CSV file starts with a header row", e.getMessage());
    e = assertThrows(IOException.class, () -> read("r.jsonl", ""));
    assertEquals("r.jsonl:1: the file is empty; write one JSON object a line", e.getMessage());
  }

  @Test
  void invalidUtf8InTheHeader() {
    IOException e =
        assertThrows(
            IOException.class, () -> read("r.csv", new byte[] {'t', 'o', (byte) 0xFF, '\n'}));
    assertEquals("r.csv:1: the file is not valid UTF-8", e.getMessage());
  }

  @Test
  void singleColumnFileSkipsBlankLines() throws IOException {
    assertEquals(
        List.of("columns [to]", "3 to=+31612345603"), read("r.csv", "to\n\n+31612345603\n\n"));
  }

  @Test
  void csvHeaderOnlyHasNoRows() throws IOException {
    assertEquals(List.of("columns [to, name]"), read("r.csv", "to,name\n"));
    assertEquals(List.of("columns [to, name]"), read("r.csv", "to,name"));
  }

  @Test
  void csvToAndContactIdBothOrNeither() throws IOException {
    assertEquals(
        List.of(
            "columns [to, contactId, name]",
            "2 BAD [to] has both `to` and `contactId`; give one receiver",
            "3 BAD [to] has no receiver: `to` (E.164 number) or `contactId` is empty",
            "4 contactId=6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00 name=D(String 4:3)",
            "5 to=+31612345605"),
        read(
            "r.csv",
            "to,contactId,name\n"
                + "+31612345602,6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00,B\n"
                + ",,C\n"
                + ",6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00,D\n"
                + "+31612345605,,\n"));
  }

  @Test
  void aBadJsonRowSaysWhereWithoutTheParsersInternals() throws IOException {
    assertEquals(
        List.of(
            "1 BAD [null] is not valid JSON at column 5: Unexpected end-of-input: expected close"
                + " marker for Array",
            "2 BAD [null] is not valid JSON at column 9: more follows the JSON object; write one"
                + " object a line",
            "3 BAD [null] is not valid JSON at column 2: Unexpected character (''' (code 39)): was"
                + " expecting double-quote to start field name"),
        read("r.jsonl", "[1,2\n{\"a\":1} 2\n{'a':1}\n"));
  }

  @Test
  void jsonLines() throws IOException {
    String text =
        "{\"to\":\"+31612345601\",\"name\":\"Ada\",\"n\":7,\"x\":1.5,\"ok\":true}\n"
            + "\n"
            + "   \n"
            + "{\"to\":\"+31612345602\",\"name\":\n"
            + "[1,2]\n"
            + "{\"to\":\"+31612345603\",\"tags\":[\"a\"]}\n"
            + "{\"to\":\"+31612345604\",\"o\":{\"a\":1}}\n"
            + "{\"contactId\":\"6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00\",\"skip\":null,\"e\":\"\"}\n"
            + "{\"name\":\"nobody\"}\n"
            + "{\"to\":\"+31612345609\",\"contactId\":\"6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00\"}\n"
            + "\"just a string\"\n";
    assertEquals(
        List.of(
            "1 to=+31612345601 name=Ada(String 1:1) n=7(Long 1:1) x=1.5(Double 1:1)"
                + " ok=true(Boolean 1:1)",
            "4 BAD [null] is not valid JSON at column 29: Unexpected end-of-input within/between"
                + " Object entries",
            "5 BAD [null] is not a JSON object",
            "6 BAD [tags] `tags` is a list; values are strings, numbers or booleans",
            "7 BAD [o] `o` is an object; values are strings, numbers or booleans",
            "8 contactId=6a1e3f2c-1b2d-4c3e-9f4a-5b6c7d8e9f00",
            "9 BAD [to] has no receiver: `to` (E.164 number) or `contactId` is empty",
            "10 BAD [to] has both `to` and `contactId`; give one receiver",
            "11 BAD [null] is not a JSON object"),
        read("r.jsonl", text));
  }

  @Test
  void jsonLinesHugeNumbersAreKeptNotWrapped() throws IOException {
    assertEquals(
        List.of(
            "1 to=+31612345601 big=123456789012345678901234567890(BigInteger 1:1)"
                + " neg=-9223372036854775809(BigInteger 1:1)"
                + " max=9223372036854775807(Long 1:1)"
                + " inf=Infinity(Double 1:1)"
                + " s=\uD800(String 1:1)"),
        read(
            "r.jsonl",
            "{\"to\":\"+31612345601\",\"big\":123456789012345678901234567890,"
                + "\"neg\":-9223372036854775809,\"max\":9223372036854775807,\"inf\":1e400,"
                + "\"s\":\"\\uD800\"}\n"));
  }

  @Test
  void ndjsonExtensionIsJsonLines() throws IOException {
    assertEquals(
        List.of("1 to=+31612345601 name=A(String 1:1)", "3 to=+31612345603"),
        read("R.NDJSON", "{\"to\":\"+31612345601\",\"name\":\"A\"}\n\n{\"to\":\"+31612345603\"}"));
  }

  @Test
  void jsonLinesInvalidUtf8IsFatal() throws IOException {
    byte[] a = "{\"to\":\"+31612345601\"}\n{\"to\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + 3];
    System.arraycopy(a, 0, all, 0, a.length);
    all[a.length] = (byte) 0xFF;
    all[a.length + 1] = '"';
    all[a.length + 2] = '}';
    assertEquals(
        List.of(
            "1 to=+31612345601",
            "2 BAD! [null] cannot be read: not valid UTF-8; the rest of the file is not read"),
        read("r.jsonl", all));
  }

  @Test
  void unknownExtensionIsAnError() {
    IOException e = assertThrows(IOException.class, () -> read("r.txt", "to\n+31612345601\n"));
    assertEquals("r.txt: recipients files are .csv (with a header row) or .jsonl", e.getMessage());
  }
}
