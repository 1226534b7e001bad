package dev.chirp.yaml;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a spec file into a {@link YNode} tree with positions, under hard limits.
 *
 * <p>The tree is built from SnakeYAML Engine's event stream with an explicit stack, so no input can
 * overflow the Java stack; sizes, depth, aliases and expanded nodes are all capped, so every input
 * finishes in bounded time and memory. Every problem becomes a {@link Diagnostic}; this class never
 * throws for bad input.
 */
public final class YamlLoader {
  /** Largest file accepted, in bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Deepest nesting of mappings and lists accepted. */
  public static final int MAX_DEPTH = 64;

  /** Most alias uses (`*name`) accepted in one file. */
  public static final int MAX_ALIASES = 50;

  /** Most nodes the tree may hold once aliases are counted as copies. */
  public static final int MAX_NODES = 100_000;

  private YamlLoader() {}

  /** Loads {@code bytes} read from the file shown as {@code path}. */
  public static LoadedFile load(String path, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return fail(
          new SourceFile(path, ""),
          Diagnostic.of(
              Code.FILE_TOO_LARGE,
              path,
              Span.START,
              String.format(
                  Locale.ROOT,
                  "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                  bytes.length,
                  MAX_BYTES)));
    }
    String text;
    try {
      text = decode(bytes);
    } catch (BadByte bad) {
      SourceFile partial = new SourceFile(path, bad.prefix);
      Span at = endOf(bad.prefix);
      return fail(
          partial,
          Diagnostic.of(
              Code.FILE_ENCODING,
              path,
              at,
              String.format(
                  Locale.ROOT,
                  "invalid UTF-8 byte 0x%02X at byte offset %,d; save the file as UTF-8",
                  bytes[bad.offset] & 0xff,
                  bad.offset)));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    SourceFile source = new SourceFile(path, text);
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return fail(
          source,
          Diagnostic.of(
              Code.FILE_NUL,
              path,
              endOf(text.substring(0, nul)),
              "NUL byte (U+0000) in the file; is it binary or UTF-16? Save it as UTF-8 text"));
    }
    return new TreeBuilder(source).build();
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static LoadedFile fail(SourceFile source, Diagnostic d) {
    return new LoadedFile(source, Optional.empty(), List.of(d));
  }

  /** The 1-based position just after {@code prefix}. */
  static Span endOf(String prefix) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= prefix.length() || prefix.charAt(i + 1) != '\n'))) {
        line++;
        col = 1;
      } else if (c != '\r' && !Character.isLowSurrogate(c)) {
        col++;
      }
    }
    return Span.at(line, col);
  }

  private static final class BadByte extends Exception {
    final int offset;
    final String prefix;

    BadByte(int offset, String prefix) {
      super(null, null, false, false);
      this.offset = offset;
      this.prefix = prefix;
    }
  }

  private static String decode(byte[] bytes) throws BadByte {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      out.flip();
      throw new BadByte(in.position(), out.toString());
    }
    r = dec.flush(out);
    out.flip();
    return out.toString();
  }
}
