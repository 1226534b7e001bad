package dev.chirp.report;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test reports: one test case per checked file, failing when the file has errors;
 * its one failure element lists every error with its position.
 *
 * <p>Written with the JDK's {@link XMLStreamWriter}, which escapes markup. What it does not do is
 * refuse characters XML 1.0 cannot hold at all (controls other than tab, line feed and carriage
 * return, U+FFFE, U+FFFF, lone surrogates): a file name or a value quoted from a spec may carry
 * them, so each is replaced by U+FFFD (the replacement character) first, in attributes and text
 * alike. The output is always well-formed XML 1.0 in UTF-8.
 */
final class JunitFormat {
  private JunitFormat() {}

  /** The JDK's own writer, never whatever StAX implementation happens to be on the class path. */
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

  static String render(Report report) {
    StringWriter buffer = new StringWriter();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(buffer);
      write(report, w);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return buffer.toString();
  }

  private static void write(Report report, XMLStreamWriter w) throws XMLStreamException {
    List<String> files = List.copyOf(report.sources().keySet());
    long failed =
        files.stream()
            .filter(
                f ->
                    report.diagnostics().stream()
                        .anyMatch(d -> d.file().equals(f) && d.severity() == Severity.ERROR))
            .count();
    w.writeStartDocument("UTF-8", "1.0");
    w.writeCharacters("\n");
    w.writeStartElement("testsuites");
    w.writeAttribute("name", "chirp check");
    w.writeAttribute("tests", Integer.toString(files.size()));
    w.writeAttribute("failures", Long.toString(failed));
    w.writeCharacters("\n  ");
    w.writeStartElement("testsuite");
    w.writeAttribute("name", "chirp check");
    w.writeAttribute("tests", Integer.toString(files.size()));
    w.writeAttribute("failures", Long.toString(failed));
    w.writeAttribute("errors", "0");
    w.writeAttribute("skipped", "0");
    for (String file : files) {
      List<Diagnostic> mine =
          report.diagnostics().stream()
              .filter(d -> d.file().equals(file))
              .collect(Collectors.toList());
      w.writeCharacters("\n    ");
      if (mine.isEmpty()) {
        w.writeEmptyElement("testcase");
        w.writeAttribute("classname", "chirp.check");
        w.writeAttribute("name", xml10(file));
        continue;
      }
      w.writeStartElement("testcase");
      w.writeAttribute("classname", "chirp.check");
      w.writeAttribute("name", xml10(file));
      // One failure element per test case (the Ant schema Jenkins and others read allows one):
      // the first error names it, its text lists every error of the file.
      List<Diagnostic> errors =
          mine.stream().filter(d -> d.severity() == Severity.ERROR).collect(Collectors.toList());
      if (!errors.isEmpty()) {
        Diagnostic first = errors.get(0);
        w.writeCharacters("\n      ");
        w.writeStartElement("failure");
        w.writeAttribute("type", xml10(first.code().id()));
        w.writeAttribute(
            "message",
            xml10(
                first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")));
        text(w, errors.stream().map(Diagnostic::headline).collect(Collectors.joining("\n")));
        w.writeEndElement();
      }
      String others =
          mine.stream()
              .filter(d -> d.severity() != Severity.ERROR)
              .map(Diagnostic::headline)
              .collect(Collectors.joining("\n"));
      if (!others.isEmpty()) {
        w.writeCharacters("\n      ");
        w.writeStartElement("system-out");
        text(w, others);
        w.writeEndElement();
      }
      w.writeCharacters("\n    ");
      w.writeEndElement();
    }
    w.writeCharacters("\n  ");
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndDocument();
  }

  /**
   * Element text. The writer escapes {@code < > &}; a double quote, which text does not need
   * escaped, is written as {@code &quot;} as chirp always wrote it, so reports stay byte-for-byte
   * what they were.
   */
  private static void text(XMLStreamWriter w, String s) throws XMLStreamException {
    String clean = xml10(s);
    int from = 0;
    for (int q = clean.indexOf('"'); q >= 0; q = clean.indexOf('"', from)) {
      w.writeCharacters(clean.substring(from, q));
      w.writeEntityRef("quot");
      from = q + 1;
    }
    w.writeCharacters(clean.substring(from));
  }

  /**
   * {@code s} with every character XML 1.0 cannot hold (its {@code Char} production: tab, line
   * feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF are allowed) replaced
   * by U+FFFD; a lone surrogate is one such character.
   */
  static String xml10(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      boolean ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        if (ok) {
          out.appendCodePoint(c);
        } else {
          out.append('\uFFFD');
        }
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }
}
