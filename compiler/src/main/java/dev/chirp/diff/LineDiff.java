package dev.chirp.diff;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (longest common subsequence) for showing payload changes. */
public final class LineDiff {
  private LineDiff() {}

  /** Lines prefixed " " (same), "- " (only before) or "+ " (only after); context trimmed to 2. */
  public static List<String> diff(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> all = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        all.add("  " + a.get(i));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        all.add("- " + a.get(i++));
      } else {
        all.add("+ " + b.get(j++));
      }
    }
    while (i < n) {
      all.add("- " + a.get(i++));
    }
    while (j < m) {
      all.add("+ " + b.get(j++));
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      boolean near = false;
      for (int d = -2; d <= 2 && !near; d++) {
        int x = k + d;
        near = x >= 0 && x < all.size() && !all.get(x).startsWith("  ");
      }
      if (near) {
        if (!out.isEmpty() && k > 0 && !isNear(all, k - 1)) {
          out.add("  ...");
        }
        out.add(all.get(k));
      }
    }
    return out;
  }

  private static boolean isNear(List<String> all, int k) {
    for (int d = -2; d <= 2; d++) {
      int x = k + d;
      if (x >= 0 && x < all.size() && !all.get(x).startsWith("  ")) {
        return true;
      }
    }
    return false;
  }
}
