package dev.chirp.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resident chirp for {@code chirp check}: it keeps a JVM warm (classes loaded, code compiled, the
 * schema compiled) and runs each check sent by {@link Client} over a Unix socket, as eslint_d does
 * for ESLint. The launcher starts it on first use and it exits after being idle.
 *
 * <p>Scope, kept narrow on purpose: only {@code check}, only for the directory it was started in
 * (relative paths mean the same thing to both), one request at a time, and no secrets: the client
 * passes the few environment variables check reads, never the access key. Its socket lives in a
 * directory only its owner can enter.
 */
final class Daemon {
  /** The protocol's version; a client of another version is told to run chirp itself. */
  static final int VERSION = 1;

  /** Environment variables a check reads; nothing else crosses the socket. */
  static final Set<String> PASSED_ENV = Set.of("NO_COLOR", "TERM", "COLUMNS");

  /** Exit code of a client whose request the daemon cannot take: the launcher runs chirp itself. */
  static final int RUN_COLD = 75;

  /** {@code chirp daemon}: not for people; the launcher starts it (see README, "Fast checks"). */
  @picocli.CommandLine.Command(
      name = "daemon",
      hidden = true,
      description = "Serve checks from a warm process (started by the ./chirp launcher).")
  static final class Command implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.ParentCommand ChirpCommand parent;

    @picocli.CommandLine.Option(names = "--socket", required = true)
    Path socket;

    @picocli.CommandLine.Option(names = "--idle", defaultValue = "900")
    long idleSeconds;

    @picocli.CommandLine.Parameters(arity = "0..*")
    List<String> warm;

    @Override
    public Integer call() {
      return new Daemon(
              socket.toAbsolutePath(),
              Path.of("").toAbsolutePath(),
              Duration.ofSeconds(Math.max(1, idleSeconds)))
          .serve(warm == null ? List.of() : warm, parent.env.err());
    }
  }

  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;

  private final Path socket;
  private final Path cwd;
  private final Duration idle;
  private volatile long lastUsed = System.nanoTime();

  Daemon(Path socket, Path cwd, Duration idle) {
    this.socket = socket;
    this.cwd = cwd;
    this.idle = idle;
  }

  /** The directory the socket may live in: owned by this user and closed to everyone else. */
  static String unsafeDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return dir + " is not a directory";
    }
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    if (!perms.equals("rwx------")) {
      return dir + " is open to others (" + perms + "); it must be rwx------";
    }
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    // Who this process is: the owner of a file it creates (HOME may belong to someone else).
    Path probe = Files.createTempFile(dir, ".uid", "");
    try {
      if (!owner.equals(Files.getAttribute(probe, "unix:uid"))) {
        return dir + " belongs to another user";
      }
    } finally {
      Files.deleteIfExists(probe);
    }
    return null;
  }

  /** Serves until idle; returns the exit code. Warms up first by running {@code warm} silently. */
  int serve(List<String> warm, PrintStream log) {
    try {
      String unsafe = unsafeDirectory(socket.getParent());
      if (unsafe != null) {
        log.println("chirp daemon: " + unsafe);
        return Main.USAGE;
      }
      try (java.nio.channels.FileChannel lockFile =
              java.nio.channels.FileChannel.open(
                  socket.resolveSibling(socket.getFileName() + ".lock"),
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = tryLock(lockFile)) {
        if (lock == null) {
          return Main.OK; // another daemon serves this directory already
        }
        return serveLocked(warm);
      }
    } catch (IOException e) {
      log.println("chirp daemon: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private static java.nio.channels.FileLock tryLock(java.nio.channels.FileChannel f)
      throws IOException {
    try {
      return f.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by a daemon in this very process
    }
  }

  private int serveLocked(List<String> warm) throws IOException {
    // Clients find the socket only once the daemon is warm; until then they run chirp themselves.
    warmUp(warm);
    Files.deleteIfExists(socket); // a socket left by a daemon that was killed
    Thread cleanup =
        new Thread(
            () -> {
              try {
                Files.deleteIfExists(socket); // on SIGTERM too: no socket without a daemon
              } catch (IOException ignored) {
                // the next client finds it refused and runs chirp itself
              }
            });
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        lastUsed = System.nanoTime();
        Thread watch = new Thread(() -> exitWhenIdle(server), "chirp-daemon-idle");
        watch.setDaemon(true);
        watch.start();
        while (server.isOpen()) {
          try (SocketChannel c = server.accept()) {
            handle(c);
          } catch (IOException e) {
            if (!server.isOpen()) {
              break;
            }
            // one client went away mid-request; the next is served
          } finally {
            lastUsed = System.nanoTime();
          }
        }
      }
      return Main.OK;
    } finally {
      Files.deleteIfExists(socket);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  private void exitWhenIdle(ServerSocketChannel server) {
    while (true) {
      try {
        Thread.sleep(Math.min(idle.toMillis(), 5_000));
      } catch (InterruptedException e) {
        return;
      }
      if (System.nanoTime() - lastUsed > idle.toNanos()) {
        try {
          server.close(); // ends the accept loop; a request being served finishes first
        } catch (IOException ignored) {
          // closing anyway
        }
        return;
      }
    }
  }

  /** Runs the check that started this daemon a few times, output discarded, so code is compiled. */
  private static void warmUp(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("check") || args.contains("--update-snapshots")) {
      return;
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    // Until the optimizing compiler has done most of its work: measured on a 1,000-spec catalog,
    // 5 runs leave a check at 0.23 s, 25 at 0.15 s.
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (int i = 0; i < 25 && System.nanoTime() < until; i++) {
      Main.run(
          args.toArray(String[]::new),
          new Main.Env(InputStream.nullInputStream(), nowhere, nowhere, Map.of(), false));
    }
  }

  /** One request: version, working directory, terminal, environment, arguments; then frames. */
  void handle(SocketChannel c) throws IOException {
    DataInputStream in = new DataInputStream(Channels.newInputStream(c));
    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
    Request r = Request.read(in);
    if (r == null || !r.acceptableIn(cwd)) {
      out.writeByte(EXIT);
      out.writeInt(RUN_COLD);
      out.flush();
      return;
    }
    FramedStream stdout = new FramedStream(out, OUT);
    FramedStream stderr = new FramedStream(out, ERR);
    int code;
    try (PrintStream o = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
      code =
          Main.run(
              r.args().toArray(String[]::new),
              new Main.Env(InputStream.nullInputStream(), o, e, r.env(), r.terminal()));
      o.flush();
      e.flush();
    }
    out.writeByte(EXIT);
    out.writeInt(code);
    out.flush();
  }

  /** What a client asks for. */
  record Request(
      int version, Path cwd, boolean terminal, Map<String, String> env, List<String> args) {
    void write(DataOutputStream out) throws IOException {
      out.writeInt(version);
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
      int version = in.readInt();
      if (version != VERSION) {
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
      return new Request(version, cwd, terminal, env, args);
    }

    /**
     * Only checks, from the directory this daemon serves, that read no standard input, with only
     * the passed environment variables.
     */
    boolean acceptableIn(Path dir) {
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
