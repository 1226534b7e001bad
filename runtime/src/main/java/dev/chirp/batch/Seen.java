package dev.chirp.batch;

/**
 * Receivers already met in a file, by 64-bit hash, with the line each was first met on: an
 * open-addressing map of primitives, about 12 bytes a row, so a million rows fit a small heap. Two
 * different receivers share a hash with odds of about 1 in 10^8 per million rows; such a pair is
 * reported as a duplicate with both line numbers, so a person can see it.
 */
final class Seen {
  private long[] keys = new long[1 << 12];
  private int[] lines = new int[1 << 12];
  private int size;

  /** Records {@code receiver} at {@code line}; returns the earlier line, or 0 if new. */
  int firstLine(String receiver, int line) {
    long h = hash(receiver);
    if (h == 0) {
      h = 1; // 0 marks an empty slot
    }
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (keys[i] != 0) {
      if (keys[i] == h) {
        return lines[i];
      }
      i = (i + 1) & mask;
    }
    keys[i] = h;
    lines[i] = line;
    size++;
    return 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldLines = lines;
    keys = new long[oldKeys.length * 2];
    lines = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long h = oldKeys[j];
      if (h != 0) {
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = h;
        lines[i] = oldLines[j];
      }
    }
  }

  /** 64-bit FNV-1a over the UTF-16 chars, then a final mix. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
