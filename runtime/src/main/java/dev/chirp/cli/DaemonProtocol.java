package dev.chirp.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Client} and a {@link Daemon} say over the socket: one {@link Request} (version,
 * operation, working directory, terminal, environment, arguments), answered by frames of stdout and
 * stderr bytes and one exit frame. It loads nothing but the JDK, so the client stays quick.
 */
final class DaemonProtocol {
  private DaemonProtocol() {}

  /** The protocol's version; a client of another version is told to run chirp itself. */
  static final int VERSION = 2;

  /** Environment variables a check reads; nothing else crosses the socket. */
  static final Set<String> PASSED_ENV = Set.of("NO_COLOR", "TERM", "COLUMNS");

  /** Exit code of a client whose request the daemon cannot take: the caller runs chirp itself. */
  static final int RUN_COLD = 75;

  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;

  /** What a request asks for. */
  enum Op {
    /** Run {@code chirp check ARGS} and stream its output. */
    CHECK,
    /** Answer one OUT frame: the daemon's pid, a tab and the directory it serves. */
    STATUS,
    /** Answer exit 0, then stop accepting, finish what runs and exit. */
    STOP
  }

  /** What a client asks for. */
  record Request(Op op, Path cwd, boolean terminal, Map<String, String> env, List<String> args) {
    Request {
      env = Map.copyOf(env);
      args = List.copyOf(args);
    }

    /** A request about the daemon itself (status, stop): no directory, environment or arguments. */
    static Request control(Op op) {
      return new Request(op, Path.of("/"), false, Map.of(), List.of());
    }

    void write(DataOutputStream out) throws IOException {
      out.writeInt(VERSION);
      out.writeByte(op.ordinal());
      writeString(out, cwd.toString());
      out.writeBoolean(terminal);
      out.writeInt(env.size());
      for (Map.Entry<String, String> e : env.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
      out.writeInt(args.size());
      for (String a : args) {
        writeString(out, a);
      }
      out.flush();
    }

    /** The request, or null when it is not one this daemon understands. */
    static Request read(DataInputStream in) throws IOException {
      if (in.readInt() != VERSION) {
        return null;
      }
      int op = in.readByte();
      if (op < 0 || op >= Op.values().length) {
        return null;
      }
      Path cwd = Path.of(readString(in));
      boolean terminal = in.readBoolean();
      int n = in.readInt();
      if (n < 0 || n > 64) {
        return null;
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        env.put(readString(in), readString(in));
      }
      int m = in.readInt();
      if (m < 0 || m > 100_000) {
        return null;
      }
      List<String> args = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        args.add(readString(in));
      }
      return new Request(Op.values()[op], cwd, terminal, env, args);
    }

    /**
     * Checks only from the directory this daemon serves, reading no standard input, with only the
     * passed environment variables; status and stop always.
     */
    boolean acceptableIn(Path dir) {
      if (op != Op.CHECK) {
        return true;
      }
      return cwd.equals(dir)
          && !args.isEmpty()
          && args.get(0).equals("check")
          && !args.contains("-")
          && PASSED_ENV.containsAll(env.keySet());
    }
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("bad string length " + n);
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  /** Writes the exit frame. */
  static void writeExit(DataOutputStream out, int code) throws IOException {
    synchronized (out) {
      out.writeByte(EXIT);
      out.writeInt(code);
      out.flush();
    }
  }

  /** An output stream sent as frames of one kind: kind, length, bytes. */
  static final class FramedStream extends OutputStream {
    private final DataOutputStream out;
    private final byte kind;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    FramedStream(DataOutputStream out, byte kind) {
      this.out = out;
      this.kind = kind;
    }

    @Override
    public void write(int b) {
      buf.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buf.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (buf.size() == 0) {
        return;
      }
      synchronized (out) {
        out.writeByte(kind);
        out.writeInt(buf.size());
        buf.writeTo(out);
        out.flush();
      }
      buf.reset();
    }
  }
}
