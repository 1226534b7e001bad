package dev.chirp.cli;

import dev.chirp.cli.DaemonProtocol.FramedStream;
import dev.chirp.cli.DaemonProtocol.Request;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A resident chirp for {@code chirp check}: it keeps a JVM warm (classes loaded, code compiled, the
 * schema compiled) and runs each check sent by {@link Client} over a Unix socket, as eslint_d does
 * for ESLint. {@link Launch} starts it on first use; it exits after being idle or when asked to.
 *
 * <p>Scope, kept narrow on purpose: only {@code check}, only for the directory it was started in
 * (relative paths mean the same thing to both), and no secrets: the client passes the few
 * environment variables check reads, never the access key. Its socket lives in a directory only its
 * owner can enter.
 *
 * <p>Bounded: a few handler threads read requests and write answers, each read and write under a
 * deadline, so a client that stalls holds one handler for seconds, never the daemon; checks run one
 * at a time, so the heap holds one check's catalog (the process is started with a fixed {@code
 * -Xmx}, {@link Launch#DAEMON_OPTS}); and it keeps nothing between checks but the compiled schema.
 */
final class Daemon {
  /** How long a client may take to send its request. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** How long one write of an answer may block on a client that does not read. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  /** Connections handled at once; more wait in a short queue, beyond it they are refused. */
  static final int HANDLERS = 4;

  private final Path socket;
  private final Path cwd;
  private final Duration idle;
  private final Duration requestTimeout;
  private final ReentrantLock checks = new ReentrantLock(true);
  private final AtomicInteger active = new AtomicInteger();
  private volatile long lastUsed = System.nanoTime();
  private volatile ServerSocketChannel server;

  Daemon(Path socket, Path cwd, Duration idle) {
    this(socket, cwd, idle, REQUEST_TIMEOUT);
  }

  Daemon(Path socket, Path cwd, Duration idle, Duration requestTimeout) {
    this.socket = socket;
    this.cwd = cwd;
    this.idle = idle;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Serves until idle or stopped; returns the exit code. Warms up first by running {@code warm}.
   */
  int serve(List<String> warm, PrintStream log) {
    try {
      String unsafe = Residents.unsafeDirectory(socket.getParent());
      if (unsafe != null) {
        log.println("chirp daemon: " + unsafe);
        return Main.USAGE;
      }
      try (FileChannel lockFile =
              FileChannel.open(
                  Residents.lockOf(socket), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = Residents.tryLock(lockFile)) {
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

  private int serveLocked(List<String> warm) throws IOException {
    // Clients find the socket only once the daemon is warm; until then they run chirp themselves.
    warmUp(warm);
    Files.deleteIfExists(socket); // a socket left by a daemon that was killed
    Thread cleanup = new Thread(this::removeSocket); // on SIGTERM too: no socket without a daemon
    Runtime.getRuntime().addShutdownHook(cleanup);
    ThreadPoolExecutor handlers =
        new ThreadPoolExecutor(
            HANDLERS,
            HANDLERS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4 * HANDLERS),
            r -> {
              Thread t = new Thread(r, "chirp-daemon-handler");
              t.setDaemon(true);
              return t;
            });
    try (Deadlines deadlines = new Deadlines();
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server = s;
      s.bind(UnixDomainSocketAddress.of(socket));
      lastUsed = System.nanoTime();
      deadlines.every(Duration.ofMillis(Math.min(idle.toMillis(), 5_000)), this::closeWhenIdle);
      while (s.isOpen()) {
        SocketChannel c;
        try {
          c = s.accept();
        } catch (IOException e) {
          break; // closed: idle or stopped
        }
        active.incrementAndGet();
        try {
          handlers.execute(() -> handleAndCount(c, deadlines));
        } catch (RejectedExecutionException e) {
          active.decrementAndGet();
          Deadlines.closeQuietly(c); // busy: the client runs chirp itself
        }
      }
      removeSocket();
      handlers.shutdown();
      // What runs finishes (each read and write is bounded), then the process may exit.
      handlers.awaitTermination(5, TimeUnit.MINUTES);
      return Main.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.OK;
    } finally {
      handlers.shutdownNow();
      removeSocket();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) {
      // the next client finds it refused and runs chirp itself
    }
  }

  private void closeWhenIdle() {
    if (active.get() == 0 && System.nanoTime() - lastUsed > idle.toNanos()) {
      stopAccepting();
    }
  }

  private void stopAccepting() {
    ServerSocketChannel s = server;
    if (s != null) {
      Deadlines.closeQuietly(s); // ends the accept loop; requests being served finish first
    }
  }

  private void handleAndCount(SocketChannel c, Deadlines deadlines) {
    try (c) {
      handle(c, deadlines);
    } catch (IOException e) {
      // the client went away, or stalled past a deadline and was cut off; the next is served
    } finally {
      lastUsed = System.nanoTime();
      active.decrementAndGet();
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

  /** One request: read within the request timeout, then answered by frames. */
  private void handle(SocketChannel c, Deadlines deadlines) throws IOException {
    DataInputStream in = new DataInputStream(Channels.newInputStream(c));
    DataOutputStream out =
        new DataOutputStream(deadlines.writes(Channels.newOutputStream(c), c, WRITE_TIMEOUT));
    Request r;
    try (Deadlines.Armed a = deadlines.arm(c, requestTimeout)) {
      r = Request.read(in);
    }
    if (r == null || !r.acceptableIn(cwd)) {
      DaemonProtocol.writeExit(out, DaemonProtocol.RUN_COLD);
      return;
    }
    switch (r.op()) {
      case STATUS -> {
        FramedStream o = new FramedStream(out, DaemonProtocol.OUT);
        o.write((ProcessHandle.current().pid() + "\t" + cwd).getBytes(StandardCharsets.UTF_8));
        o.flush();
        DaemonProtocol.writeExit(out, Main.OK);
      }
      case STOP -> {
        stopAccepting();
        removeSocket(); // from now on checks run by themselves; `daemon stop` waits for this
        DaemonProtocol.writeExit(out, Main.OK);
      }
      case CHECK -> check(r, out);
    }
  }

  private void check(Request r, DataOutputStream out) throws IOException {
    FramedStream stdout = new FramedStream(out, DaemonProtocol.OUT);
    FramedStream stderr = new FramedStream(out, DaemonProtocol.ERR);
    int code;
    checks.lock(); // one check at a time: the heap holds one catalog
    try (PrintStream o = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
      code =
          Main.run(
              r.args().toArray(String[]::new),
              new Main.Env(InputStream.nullInputStream(), o, e, r.env(), r.terminal()));
      o.flush();
      e.flush();
    } finally {
      checks.unlock();
    }
    DaemonProtocol.writeExit(out, code);
  }
}
