package dev.chirp.batch;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that knows the physical line of any char offset it has passed, in constant memory:
 * offsets are asked for in rising order, so only line breaks not yet asked about are kept.
 */
final class LineCountingReader extends FilterReader {
  private long offset;
  private long[] breaks = new long[64];
  private int head;
  private int tail;
  private long linesBefore;
  private boolean lastWasCr;

  LineCountingReader(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      see((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    int n = super.read(cbuf, off, len);
    for (int i = 0; i < n; i++) {
      see(cbuf[off + i]);
    }
    return n;
  }

  private void see(char c) {
    if (c == '\n') {
      if (!lastWasCr) {
        push(offset);
      }
    } else if (c == '\r') {
      push(offset);
    }
    lastWasCr = c == '\r';
    offset++;
  }

  private void push(long at) {
    if (tail == breaks.length) {
      if (head > 0) {
        System.arraycopy(breaks, head, breaks, 0, tail - head);
        tail -= head;
        head = 0;
      } else {
        long[] bigger = new long[breaks.length * 2];
        System.arraycopy(breaks, 0, bigger, 0, tail);
        breaks = bigger;
      }
    }
    breaks[tail++] = at;
  }

  /** The 1-based physical line of char offset {@code at}; offsets must be asked in rising order. */
  long lineOf(long at) {
    while (head < tail && breaks[head] < at) {
      head++;
      linesBefore++;
    }
    return linesBefore + 1;
  }
}
