package dev.chirp.batch;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Stops a reader at the first byte sequence that was not valid UTF-8, after handing out every char
 * before it, so that the rows before the bad bytes are read and the error names the physical line
 * holding them. The decoder underneath replaces malformed input with {@link #BAD} (U+FFFF, a
 * noncharacter no text file needs).
 */
final class Utf8Guard extends FilterReader {
  static final char BAD = '\uFFFF';

  /** Invalid UTF-8 on a known physical line. */
  static final class Malformed extends CharacterCodingException {
    final int line;

    Malformed(int line) {
      this.line = line;
    }

    @Override
    public String getMessage() {
      return "not valid UTF-8";
    }
  }

  private int line = 1;
  private boolean lastWasCr;
  private int badLine;

  Utf8Guard(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0];
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (badLine > 0) {
      throw new Malformed(badLine);
    }
    int n = super.read(cbuf, off, len);
    for (int i = 0; i < n; i++) {
      char c = cbuf[off + i];
      if (c == BAD) {
        badLine = line;
        if (i == 0) {
          throw new Malformed(badLine);
        }
        return i;
      }
      if (c == '\n') {
        if (!lastWasCr) {
          line++;
        }
      } else if (c == '\r') {
        line++;
      }
      lastWasCr = c == '\r';
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip not supported");
  }
}
