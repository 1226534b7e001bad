package dev.chirp.cli;

import dev.chirp.cli.DaemonProtocol.Op;
import dev.chirp.cli.DaemonProtocol.Request;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The thin client of {@link Daemon}: sends one request and copies the answer to stdout and stderr.
 * It loads nothing but the JDK and {@link DaemonProtocol}, so a check through it skips the CLI's
 * start-up.
 */
final class Client {
  private Client() {}

  /** How long a daemon may take to answer status or stop. */
  static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(3);

  /** Sends {@code r} to the daemon at {@code socket}; returns chirp's exit code or 75. */
  static int run(Path socket, Request r, OutputStream out, OutputStream err) {
    SocketChannel c;
    try {
      c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      return DaemonProtocol.RUN_COLD; // no daemon (yet): chirp runs by itself
    }
    boolean wrote = false;
    try (c) {
      DataOutputStream o = new DataOutputStream(Channels.newOutputStream(c));
      DataInputStream in = new DataInputStream(Channels.newInputStream(c));
      r.write(o);
      while (true) {
        byte kind = in.readByte();
        if (kind == DaemonProtocol.EXIT) {
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
        if (b.length < n) {
          throw new IOException("cut off");
        }
        (kind == DaemonProtocol.OUT ? out : err).write(b);
        wrote = true;
      }
    } catch (IOException e) { // the end of the stream included: the daemon went away
      return stopped(wrote, err);
    }
  }

  /** What a daemon answered to status or stop: its exit code and its output. */
  record Answer(int exit, String out) {}

  /**
   * Asks the daemon at {@code socket} for status or to stop, within {@link #CONTROL_TIMEOUT}; null
   * when nothing answers there (a socket left by a killed daemon) or the answer did not come.
   */
  static Answer ask(Path socket, Op op, Deadlines deadlines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SocketChannel c;
    try {
      c = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException e) {
      return null;
    }
    try (c;
        Deadlines.Armed a = deadlines.arm(c, CONTROL_TIMEOUT)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      DataOutputStream o = new DataOutputStream(Channels.newOutputStream(c));
      DataInputStream in = new DataInputStream(Channels.newInputStream(c));
      Request.control(op).write(o);
      while (true) {
        byte kind = in.readByte();
        if (kind == DaemonProtocol.EXIT) {
          int code = in.readInt();
          return code == DaemonProtocol.RUN_COLD
              ? null
              : new Answer(code, out.toString(StandardCharsets.UTF_8));
        }
        int n = in.readInt();
        if (n < 0 || n > 1 << 16) {
          return null;
        }
        out.write(in.readNBytes(n));
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The daemon went away: before any output, run chirp itself; after some, say so. */
  private static int stopped(boolean wrote, OutputStream err) {
    if (!wrote) {
      return DaemonProtocol.RUN_COLD;
    }
    try {
      err.write(
          "chirp: the chirp daemon stopped in the middle of the check; run the command again\n"
              .getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException ignored) {
      // stderr is gone too
    }
    return Main.USAGE;
  }
}
