package dev.chirp.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFileTest {
  private static List<String> lines(SourceFile f) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= f.lineCount(); n++) {
      out.add(f.line(n));
    }
    return out;
  }

  @Test
  void splitsOnLfCrlfAndCrAsYamlDoes() {
    assertEquals(List.of("a", "b", "c", "d"), lines(new SourceFile("f", "a\nb\r\nc\rd")));
    assertEquals(List.of("a", ""), lines(new SourceFile("f", "a\n")));
    assertEquals(List.of("a", "", "b"), lines(new SourceFile("f", "a\r\rb")));
    assertEquals(List.of("a", "", ""), lines(new SourceFile("f", "a\n\r\n")));
    assertEquals(List.of(""), lines(new SourceFile("f", "")));
  }

  @Test
  void aLineOutOfRangeIsEmpty() {
    SourceFile f = new SourceFile("f", "a\nb");
    assertEquals("", f.line(0));
    assertEquals("", f.line(3));
  }

  @Test
  void positionsCountCodePointsAndLineBreaks() {
    SourceFile f = new SourceFile("f", "x😀y\r\nz\rw");
    assertEquals(Span.at(1, 1), f.position(0));
    assertEquals(Span.at(1, 3), f.position(3)); // after the emoji's two chars
    assertEquals(Span.at(1, 4), f.position(4)); // the CR of CRLF ends line 1
    assertEquals(Span.at(2, 1), f.position(6));
    assertEquals(Span.at(3, 1), f.position(8));
    assertEquals(Span.at(3, 2), f.position(99)); // clamped to the end of the text
  }

  @Test
  void offsetsAreClampedToTheirLine() {
    SourceFile f = new SourceFile("f", "x😀y\r\nz\rw");
    assertEquals(0, f.offset(1, 1));
    assertEquals(3, f.offset(1, 3));
    assertEquals(4, f.offset(1, 9)); // past the end of line 1: its end, not the next line
    assertEquals(6, f.offset(2, 1));
    assertEquals(0, f.offset(0, 1));
    assertEquals(9, f.offset(4, 1));
  }
}
