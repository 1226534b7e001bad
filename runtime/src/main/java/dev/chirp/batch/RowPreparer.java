package dev.chirp.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.Compiler;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.Span;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.spec.Spec;
import dev.chirp.text.Uuids;
import dev.chirp.vars.Bindings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a row of the recipients file into a {@link Job}, or reports why it is not sent: a bad row,
 * a receiver met before, values the spec refuses, or what {@link Resume} says. The reading
 * thread's.
 */
final class RowPreparer {
  private final Spec spec;
  private final String specHash;
  private final Compiler compiler;
  private final Journal journal;
  private final Summary summary;
  private final BatchOutput output;
  private final Resume resume;

  /** Receivers met so far; null with {@code --allow-duplicates}. */
  private final Seen seen;

  /** Rows met so far of each receiver, for the keys of {@code --allow-duplicates}. */
  private final Map<String, Integer> occurrences = new HashMap<>();

  RowPreparer(
      Spec spec,
      String specHash,
      Compiler compiler,
      Journal journal,
      BatchOptions options,
      Summary summary,
      BatchOutput output,
      Resume resume) {
    this.spec = spec;
    this.specHash = specHash;
    this.compiler = compiler;
    this.journal = journal;
    this.summary = summary;
    this.output = output;
    this.resume = resume;
    this.seen = options.allowDuplicates() ? null : new Seen();
  }

  /** The job of {@code e}, or null when it is not sent (counted and reported here). */
  Job prepare(Recipients r, Recipients.Entry e) throws IOException {
    if (e instanceof Recipients.Bad b) {
      if (b.fatal()) {
        summary.unreadRest = true;
      }
      invalid(r.display(), b.line(), b.column(), "row " + b.line() + " " + b.reason());
      return null;
    }
    Recipients.Row row = (Recipients.Row) e;
    Receiver receiver;
    if (row.to() != null) {
      Optional<String> p = Receivers.problem(row.to());
      if (p.isPresent()) {
        invalid(r.display(), row.line(), "to", "row " + row.line() + ", column to: " + p.get());
        return null;
      }
      receiver = Receiver.phone(row.to());
    } else {
      if (!Uuids.isUuid(row.contactId())) {
        invalid(
            r.display(),
            row.line(),
            "contactId",
            "row " + row.line() + ", column contactId: \"" + row.contactId() + "\" is not a UUID");
        return null;
      }
      receiver = Receiver.contact(row.contactId());
    }
    String key = key(r, row);
    if (key == null) {
      return null;
    }
    Bindings bindings =
        new Bindings(row.values(), r.display(), Span.at(row.line(), 1), "row " + row.line(), false);
    String ref = BatchRunner.reference(spec.id(), specHash, key);
    Compiler.Resolution res = compiler.resolve(spec, bindings, receiver, false, ref);
    if (!res.ok()) {
      refused(r, row, res);
      return null;
    }
    for (Diagnostic d : res.diagnostics()) {
      // Other warnings belong to the spec and were shown by its check; this one is the row's.
      if (d.code() == Code.HIDDEN_CHARACTERS) {
        output.err(
            r.display()
                + ":"
                + row.line()
                + ": warning["
                + d.code()
                + "]: row "
                + row.line()
                + ": "
                + d.message()
                + " (sent as it is)");
      }
    }
    ObjectNode payload = res.payload();
    byte[] body = res.json().getBytes(StandardCharsets.UTF_8);
    // The hash of what this row sends, journaled with it: a re-run tells a row accepted with
    // other values (a file changed at the same path) from one accepted as it is now.
    String bodyHash = journal == null ? null : BatchRunner.hash(body).substring(0, 16);
    if (!resume.sends(r.display(), row.line(), row.receiver(), ref, payload, bodyHash)) {
      return null;
    }
    return new Job(row.line(), row.receiver(), ref, body, payload, bodyHash);
  }

  /**
   * The key of the row's reference: its receiver, and with {@code --allow-duplicates} which of the
   * receiver's rows it is. Null for a duplicate row, which is reported and not sent.
   */
  private String key(Recipients r, Recipients.Row row) {
    String key = row.receiver();
    if (seen != null) {
      int first = seen.firstLine(key, row.line());
      if (first != 0) {
        summary.duplicates.incrementAndGet();
        output.err(
            r.display()
                + ":"
                + row.line()
                + ": warning[duplicate]: row "
                + row.line()
                + " sends to "
                + key
                + " again (first at line "
                + first
                + "); it is skipped (--allow-duplicates sends both)");
        if (journal != null) {
          journal.add(Journal.Entry.duplicate(row.line(), key, first));
        }
        return null;
      }
      return key;
    }
    if (resume.occurrenceKeys()) {
      // With --allow-duplicates a receiver's rows are told apart by their order among its rows,
      // not by line: a row inserted or removed elsewhere in the file changes no other row's key.
      return key + "#" + occurrences.merge(key, 1, Integer::sum);
    }
    return key + "#" + row.line(); // a journal begun before occurrence keys keeps line keys
  }

  /** Reports the errors of a row whose values the spec refuses. */
  private void refused(Recipients r, Recipients.Row row, Compiler.Resolution res) {
    for (Diagnostic d : res.diagnostics()) {
      if (d.severity() == Severity.ERROR) {
        String where =
            d.file().equals(r.display())
                ? d.file() + ":" + d.span().line()
                : r.display() + ":" + row.line();
        output.err(
            where
                + ": error["
                + d.code()
                + "]: "
                + (d.message().startsWith("row ")
                    ? d.message()
                    : "row " + row.line() + ": " + d.message()));
      }
    }
    summary.invalid.incrementAndGet();
    if (journal != null) {
      String first =
          res.diagnostics().stream()
              .filter(d -> d.severity() == Severity.ERROR)
              .map(Diagnostic::message)
              .findFirst()
              .orElse("invalid");
      journal.add(Journal.Entry.invalid(row.line(), row.receiver(), null, first));
    }
  }

  private void invalid(String file, int line, String column, String reason) {
    summary.invalid.incrementAndGet();
    output.err(file + ":" + line + ": error[recipients]: " + reason);
    if (journal != null) {
      journal.add(Journal.Entry.invalid(line, null, column, reason));
    }
  }
}
