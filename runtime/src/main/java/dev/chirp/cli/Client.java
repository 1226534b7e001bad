package dev.chirp.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thin client of {@link Daemon}: sends one command line and copies the answer to stdout and
 * stderr. It loads nothing but the JDK, so it starts in a few tens of milliseconds.
 *
 * <pre>
 *   Client SOCKET ARGS...     exit code: chirp's, or 75 when the launcher must run chirp itself
 * </pre>
 */
final class Client {
  private Client() {}

  public static void main(String[] args) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : Daemon.PASSED_ENV) {
      String v = System.getenv(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    int code =
        run(
            Path.of(args[0]),
            new Daemon.Request(
                Daemon.VERSION,
                Path.of("").toAbsolutePath(),
                System.console() != null,
                env,
                List.of(Arrays.copyOfRange(args, 1, args.length))),
            new FileOutputStream(FileDescriptor.out),
            new FileOutputStream(FileDescriptor.err));
    System.exit(code);
  }

  /** Sends {@code r} to the daemon at {@code socket}; returns chirp's exit code or 75. */
  static int run(Path socket, Daemon.Request r, OutputStream out, OutputStream err) {
    SocketChannel c;
    try {
      c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      return Daemon.RUN_COLD; // no daemon (yet): chirp runs by itself
    }
    boolean wrote = false;
    try (c) {
      DataOutputStream o = new DataOutputStream(Channels.newOutputStream(c));
      DataInputStream in = new DataInputStream(Channels.newInputStream(c));
      r.write(o);
      while (true) {
        byte kind = in.readByte();
        if (kind == Daemon.EXIT) {
          int code = in.readInt();
          out.flush();
          err.flush();
          return code;
        }
        int n = in.readInt();
        if (n < 0 || n > 1 << 30) {
          throw new IOException("bad frame length " + n);
        }
        byte[] b = in.readNBytes(n);
        (kind == Daemon.OUT ? out : err).write(b);
        wrote = true;
      }
    } catch (IOException e) { // the end of the stream included: the daemon went away
      return stopped(wrote, err);
    }
  }

  /** The daemon went away: before any output, run chirp itself; after some, say so. */
  private static int stopped(boolean wrote, OutputStream err) {
    if (!wrote) {
      return Daemon.RUN_COLD;
    }
    try {
      err.write(
          "chirp: the chirp daemon stopped in the middle of the check; run the command again\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException ignored) {
      // stderr is gone too
    }
    return Main.USAGE;
  }
}
