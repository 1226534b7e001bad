package dev.chirp.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/**
 * Unified diffs of two texts' lines (the format of {@code diff -u} and git), by java-diff-utils.
 */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  /** Lines of context around each change, as {@code diff -u} has. */
  static final int CONTEXT = 3;

  /**
   * The {@code ---} and {@code +++} lines naming both sides, then hunks of lines prefixed {@code "
   * "} (same), {@code "-"} (only before) or {@code "+"} (only after); empty when they are equal.
   */
  public static List<String> lines(
      String beforeName, String afterName, List<String> before, List<String> after) {
    return List.copyOf(
        UnifiedDiffUtils.generateUnifiedDiff(
            beforeName, afterName, before, DiffUtils.diff(before, after), CONTEXT));
  }
}
