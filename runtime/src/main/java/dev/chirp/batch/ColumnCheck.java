package dev.chirp.batch;

import dev.chirp.spec.Spec;
import dev.chirp.spec.Variable;
import java.util.List;
import java.util.regex.Pattern;

/** The header of a recipients file against the spec, before any row is read. */
final class ColumnCheck {
  /** Column names that usually hold phone numbers, for the hint when `to` is missing. */
  private static final Pattern PHONE_COLUMN =
      Pattern.compile(
          "(?i)(phone|phone_?number|number|mobile|msisdn|tel|telephone|whatsapp|cell|receiver|recipient)");

  private ColumnCheck() {}

  /**
   * A receiver column is needed, a required variable without a column would fail every row, and
   * extra columns are only worth a warning. Returns false when the batch cannot start.
   */
  static boolean check(Spec spec, Recipients r, BatchOutput output) {
    List<String> cols = r.columns();
    if (cols == null) {
      return true; // JSON Lines: each row names its own keys
    }
    if (!cols.contains("to") && !cols.contains("contactId")) {
      String phone =
          cols.stream()
              .filter(c -> PHONE_COLUMN.matcher(c).matches() && !spec.variables().containsKey(c))
              .findFirst()
              .orElse(null);
      output.err(
          r.display()
              + ":1: error[recipients]: the header has no `to` or `contactId` column; one names each receiver"
              + (phone == null ? "" : " (rename `" + phone + "` to `to` if it holds the numbers)"));
      return false;
    }
    boolean ok = true;
    for (Variable v : spec.variables().values()) {
      if (v.required() && v.defaultValue() == null && !cols.contains(v.name())) {
        output.err(
            r.display()
                + ":1: error[var-missing]: the header has no column `"
                + v.name()
                + "`, which "
                + spec.id()
                + " requires");
        ok = false;
      }
    }
    for (String c : cols) {
      if (!c.equals("to") && !c.equals("contactId") && !spec.variables().containsKey(c)) {
        output.err(
            r.display()
                + ":1: warning[var-unknown]: column `"
                + c
                + "` is not a variable of "
                + spec.id()
                + "; it is ignored");
      }
    }
    return ok;
  }
}
