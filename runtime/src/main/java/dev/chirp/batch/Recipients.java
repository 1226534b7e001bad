package dev.chirp.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.chirp.diag.Span;
import dev.chirp.vars.Binding;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a recipients file, one entry per row, in constant memory: CSV with a header row, or JSON
 * Lines. Line numbers are physical lines of the file (a quoted CSV field may span several), so an
 * editor jumps to the row. A column {@code to} (E.164) or {@code contactId} names the receiver;
 * every other column is a variable value.
 */
public final class Recipients implements Closeable, Iterator<Recipients.Entry> {
  /** A row of the file. */
  public sealed interface Entry {
    /** The physical line the row starts on. */
    int line();
  }

  /** A readable row: its receiver and its values (empty cells are left out). */
  public record Row(int line, String to, String contactId, List<Binding> values) implements Entry {
    /** The receiver as written, used to find duplicates. */
    public String receiver() {
      return to != null ? to : contactId;
    }
  }

  /** A row that cannot be used, with the column concerned (or null) and why. */
  public record Bad(int line, String column, String reason, boolean fatal) implements Entry {}

  private final String display;
  private final Reader reader;
  private final Format format;
  private final List<String> columns;
  private CSVParser csv;
  private Iterator<CSVRecord> records;
  private long csvLinesBefore;
  private BufferedReader lines;
  private int jsonLine;
  private Entry next;
  private boolean done;

  private enum Format {
    CSV,
    JSONL
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private LineCountingReader counting;

  private Recipients(String display, Reader reader, Format format) throws IOException {
    this.display = display;
    this.reader = reader;
    this.format = format;
    if (format == Format.CSV) {
      counting = new LineCountingReader(reader);
      reader = counting;
      csv =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setAllowMissingColumnNames(false)
              // Blank lines come back as records of one empty field and are skipped in readCsv:
              // ignored by the parser, the next record's position would be that of the blank
              // line, and its line number wrong.
              .setIgnoreEmptyLines(false)
              .get()
              .parse(reader);
      columns = List.copyOf(csv.getHeaderNames());
      csvLinesBefore = csv.getCurrentLineNumber();
      records = csv.iterator();
    } else {
      lines = new BufferedReader(reader);
      columns = null;
    }
  }

  /** Opens {@code file} (.csv, or .jsonl / .ndjson), shown in messages as {@code display}. */
  public static Recipients open(Path file, String display) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Format f;
    if (name.endsWith(".csv")) {
      f = Format.CSV;
    } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      f = Format.JSONL;
    } else {
      throw new IOException(display + ": recipients files are .csv (with a header row) or .jsonl");
    }
    // Malformed bytes become U+FFFF, which Utf8Guard turns into an error at their line, after
    // the rows before them (a REPORTing decoder fails a whole buffer, losing the position).
    Reader r =
        new Utf8Guard(
            new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(Utf8Guard.BAD))));
    r = new BufferedReader(r, 1 << 16);
    try {
      r.mark(2);
      int first = r.read();
      if (first == '\uFEFF') {
        r.mark(1);
        first = r.read();
      }
      if (first < 0) {
        r.close();
        throw new IOException(
            display
                + ":1: the file is empty; "
                + (f == Format.CSV
                    ? "a CSV file starts with a header row"
                    : "write one JSON object a line"));
      }
      r.reset();
    } catch (CharacterCodingException e) {
      r.close();
      throw new IOException(display + ":1: the file is not valid UTF-8");
    }
    try {
      return new Recipients(display, r, f);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      r.close();
      throw new IOException(display + ":1: the header row cannot be read: " + message(e));
    } catch (CharacterCodingException e) {
      r.close();
      throw new IOException(display + ":1: the file is not valid UTF-8");
    }
  }

  /** The CSV header, or null for JSON Lines. */
  public List<String> columns() {
    return columns;
  }

  public String display() {
    return display;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      next = read();
      if (next == null) {
        done = true;
      }
    }
    return next != null;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry e = next;
    next = null;
    if (e instanceof Bad b && b.fatal()) {
      done = true;
    }
    return e;
  }

  private Entry read() {
    try {
      return format == Format.CSV ? readCsv() : readJson();
    } catch (UncheckedIOException | IllegalStateException | IOException e) {
      int line = format == Format.CSV ? (int) csvLinesBefore + 1 : jsonLine + 1;
      for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof Utf8Guard.Malformed m) {
          line = m.line;
          break;
        }
      }
      return new Bad(
          line, null, "cannot be read: " + message(e) + "; the rest of the file is not read", true);
    }
  }

  private static String message(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t != t.getCause()) {
      t = t.getCause();
    }
    if (t instanceof CharacterCodingException) {
      return "not valid UTF-8";
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (m.contains("EOF reached before encapsulated token finished")) {
      return "a quoted field is never closed";
    }
    if (m.contains("invalid char between encapsulated token and delimiter")) {
      return "a quote inside a field must be doubled (\"\")";
    }
    return m.replaceAll("\\s+", " ");
  }

  private Entry readCsv() {
    CSVRecord rec;
    do {
      if (!records.hasNext()) {
        return null;
      }
      rec = records.next();
      csvLinesBefore = csv.getCurrentLineNumber();
    } while (rec.size() == 1 && rec.get(0).isEmpty()); // a blank line
    int line = (int) counting.lineOf(rec.getCharacterPosition());
    csvLinesBefore = csv.getCurrentLineNumber();
    if (rec.size() != columns.size()) {
      return new Bad(
          line,
          null,
          "has "
              + rec.size()
              + (rec.size() == 1 ? " field" : " fields")
              + ", the header has "
              + columns.size(),
          false);
    }
    String to = null;
    String contactId = null;
    List<Binding> values = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String col = columns.get(i);
      String v = rec.get(i);
      if (col.equals("to")) {
        to = v.isEmpty() ? null : v;
      } else if (col.equals("contactId")) {
        contactId = v.isEmpty() ? null : v;
      } else if (!v.isEmpty()) {
        values.add(
            new Binding(col, v, display, Span.at(line, i + 1), "row " + line + ", column " + col));
      }
    }
    return row(line, to, contactId, values);
  }

  /** One JSON value a line, and nothing after it (`{"a":1} x` is not a row). */
  private static final ObjectReader ROW =
      JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Jackson's complaint about a row, with the column where it is and without the parser's own
   * bookkeeping ({@code [Source: REDACTED ...]}), which means nothing to the person fixing the
   * file.
   */
  static String notJson(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    m = m.replaceAll("\\s*\\(?start marker at \\[Source:[^\\]]*\\]\\)?", "");
    m = m.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
    m = m.replaceAll("\\[Source:[^\\]]*\\]", "");
    m = m.replace('\n', ' ').strip();
    if (m.startsWith("Trailing token")) {
      m = "more follows the JSON object; write one object a line";
    }
    var at = e.getLocation();
    return "is not valid JSON"
        + (at != null && at.getColumnNr() > 0 ? " at column " + at.getColumnNr() : "")
        + ": "
        + m;
  }

  private Entry readJson() throws IOException {
    String text;
    do {
      text = lines.readLine();
      jsonLine++;
      if (text == null) {
        return null;
      }
    } while (text.isBlank());
    int line = jsonLine;
    JsonNode n;
    try {
      n = ROW.readTree(text);
    } catch (JsonProcessingException e) {
      return new Bad(line, null, notJson(e), false);
    }
    if (n == null || !n.isObject()) {
      return new Bad(line, null, "is not a JSON object", false);
    }
    String to = null;
    String contactId = null;
    List<Binding> values = new ArrayList<>();
    var it = n.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        return new Bad(
            line,
            e.getKey(),
            "`"
                + e.getKey()
                + "` is "
                + (v.isArray() ? "a list" : "an object")
                + "; values are strings, numbers or booleans",
            false);
      }
      Object value =
          v.isNull()
              ? null
              : v.isBoolean()
                  ? (Object) v.booleanValue()
                  : v.isIntegralNumber()
                      // Beyond a long, longValue() would silently keep only the low 64 bits.
                      ? (v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue())
                      : v.isNumber() ? (Object) v.doubleValue() : v.asText();
      if (e.getKey().equals("to")) {
        to = value == null ? null : String.valueOf(value);
      } else if (e.getKey().equals("contactId")) {
        contactId = value == null ? null : String.valueOf(value);
      } else if (value != null && !(value instanceof String s && s.isEmpty())) {
        values.add(
            new Binding(
                e.getKey(),
                value,
                display,
                Span.at(line, 1),
                "row " + line + ", key " + e.getKey()));
      }
    }
    return row(line, to, contactId, values);
  }

  private static Entry row(int line, String to, String contactId, List<Binding> values) {
    if (to != null && contactId != null) {
      return new Bad(line, "to", "has both `to` and `contactId`; give one receiver", false);
    }
    if (to == null && contactId == null) {
      return new Bad(
          line, "to", "has no receiver: `to` (E.164 number) or `contactId` is empty", false);
    }
    return new Row(line, to, contactId, values);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
