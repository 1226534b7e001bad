package dev.chirp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The JUnit XML format on text XML 1.0 cannot hold. Each output is compared byte for byte, then
 * parsed back with the JDK's DOM parser (which rejects any ill-formed document).
 */
class JunitFormatTest {
  /** Every kind of character XML 1.0 refuses, beside markup and characters it takes as they are. */
  private static final String HOSTILE =
      "nonchars \uFFFE \uFFFF, lone \uD800 and \uDC00, controls \u0000\u0001\u001B\u007F,"
          + " fine: tab\t\u00E9 \uD83D\uDE00 \uFFFD <a href=\"x\">&amp;</a> ]]>";

  /** {@link #HOSTILE} as a parser reads it back from chirp's output. */
  private static final String READ_BACK =
      "nonchars \uFFFD \uFFFD, lone \uFFFD and \uFFFD, controls \uFFFD\uFFFD\uFFFD\u007F,"
          + " fine: tab\t\u00E9 \uD83D\uDE00 \uFFFD <a href=\"x\">&amp;</a> ]]>";

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void charactersXml10CannotHoldAreReplacedAndTheReportParses() throws Exception {
    String file = "specs/odd\uFFFE\uD800name.yaml";
    Report report =
        Report.of(
            List.of(
                new Diagnostic(
                    Code.SCHEMA_UNKNOWN_KEY,
                    Severity.ERROR,
                    "unknown key `" + HOSTILE + "`",
                    file,
                    Span.at(2, 1),
                    List.of(),
                    null),
                new Diagnostic(
                    Code.HIDDEN_CHARACTERS,
                    Severity.WARNING,
                    "warned: \uFFFF\"q\"",
                    file,
                    Span.at(3, 7),
                    List.of(),
                    null)),
            List.of(new SourceFile(file, "chirp: 1\n")));

    String xml = JunitFormat.render(report);

    String cleanFile = "specs/odd\uFFFD\uFFFDname.yaml";
    // The same in the message attribute and in the failure's text.
    String escaped =
        "nonchars \uFFFD \uFFFD, lone \uFFFD and \uFFFD, controls \uFFFD\uFFFD\uFFFD\u007F,"
            + " fine: tab\t\u00E9 \uD83D\uDE00 \uFFFD &lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
            + " ]]&gt;";
    assertEquals(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"chirp check\" tests=\"1\" failures=\"1\">\n"
            + "  <testsuite name=\"chirp check\" tests=\"1\" failures=\"1\" errors=\"0\""
            + " skipped=\"0\">\n"
            + "    <testcase classname=\"chirp.check\" name=\""
            + cleanFile
            + "\">\n"
            + "      <failure type=\"schema-unknown-key\" message=\"unknown key `"
            + escaped
            + "`\">"
            + cleanFile
            + ":2:1: error[schema-unknown-key]: unknown key `"
            + escaped
            + "`</failure>\n"
            + "      <system-out>"
            + cleanFile
            + ":3:7: warning[hidden-characters]: warned: \uFFFD&quot;q&quot;</system-out>\n"
            + "    </testcase>\n"
            + "  </testsuite>\n"
            + "</testsuites>\n",
        xml);

    Document doc = parse(xml);
    Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals(cleanFile, testcase.getAttribute("name"));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    // A parser turns a tab in an attribute value into a space (attribute-value normalisation).
    assertEquals(
        "unknown key `" + READ_BACK.replace('\t', ' ') + "`", failure.getAttribute("message"));
    assertEquals(
        cleanFile + ":2:1: error[schema-unknown-key]: unknown key `" + READ_BACK + "`",
        failure.getTextContent());
    assertEquals(
        cleanFile + ":3:7: warning[hidden-characters]: warned: \uFFFD\"q\"",
        doc.getElementsByTagName("system-out").item(0).getTextContent());
  }

  @Test
  void textWithoutSuchCharactersIsUnchanged() {
    String s = "plain \t\n\r text \u00E9 \uD83D\uDE00 \uFFFD \uE000 \uD7FF";
    assertEquals(s, JunitFormat.xml10(s));
    assertEquals(
        "\uFFFD\uFFFD\uFFFD\uFFFD\uDBFF\uDC00\uFFFD\uFFFDx\uD83D\uDE00",
        JunitFormat.xml10("\u0000\u0008\u000B\uFFFE\uDBFF\uDC00\uDC00\uD800x\uD83D\uDE00"));
  }
}
