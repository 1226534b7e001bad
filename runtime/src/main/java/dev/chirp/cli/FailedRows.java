package dev.chirp.cli;

import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.batch.Recipients;
import dev.chirp.vars.Binding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows whose message failed, read again from the batch's recipients file, written as a CSV
 * recipients file (owner-only: it lists receivers) ready for a follow-up batch.
 */
final class FailedRows {
  private FailedRows() {}

  /** Writes the failed rows to {@code file}; returns how many. */
  static int write(Journal j, Deliveries d, Path file) throws IOException {
    Set<Integer> lines = new HashSet<>();
    IOException[] failure = {null};
    j.forEach(
        e -> {
          try {
            if (e.messageId() != null && d.get(e.reference()).map(s -> s.failed()).orElse(false)) {
              lines.add(e.line());
            }
          } catch (IOException ex) {
            failure[0] = ex;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    String source = j.fact("recipients").orElse(null);
    if (source == null || !Files.isRegularFile(Path.of(source))) {
      throw new Main.UsageError(
          "--failed-as-recipients: the batch's recipients file "
              + (source == null ? "is not recorded in the journal" : source + " is gone")
              + "; it is where the failed rows' variables are");
    }
    List<Recipients.Row> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    boolean contactIds = false;
    try (Recipients r = Recipients.open(Path.of(source), source)) {
      while (r.hasNext()) {
        if (r.next() instanceof Recipients.Row row && lines.contains(row.line())) {
          rows.add(row);
          contactIds |= row.contactId() != null;
          row.values().forEach(b -> columns.add(b.name()));
        }
      }
    }
    List<String> header = new ArrayList<>();
    header.add("to");
    if (contactIds) {
      header.add("contactId");
    }
    header.addAll(columns);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
      FilePerms.ownerOnly(file); // before any row is written
      csv.printRecord(header);
      for (Recipients.Row row : rows) {
        List<String> record = new ArrayList<>();
        record.add(row.to() == null ? "" : row.to());
        if (contactIds) {
          record.add(row.contactId() == null ? "" : row.contactId());
        }
        for (String c : columns) {
          record.add(
              row.values().stream()
                  .filter(b -> b.name().equals(c))
                  .map(Binding::value)
                  .map(String::valueOf)
                  .findFirst()
                  .orElse(""));
        }
        csv.printRecord(record);
      }
    }
    return rows.size();
  }
}
