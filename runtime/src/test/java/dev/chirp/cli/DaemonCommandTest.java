package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.cli.DaemonProtocol.Op;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chirp daemon status|stop} against a daemon running in this process, found in the socket
 * directory under {@code XDG_RUNTIME_DIR} and asked over its socket.
 */
class DaemonCommandTest {
  @TempDir Path tmp;
  Path dir;
  Map<String, String> env;
  final Path cwd = Path.of("").toAbsolutePath();
  final long pid = ProcessHandle.current().pid();
  final AtomicInteger served = new AtomicInteger(-1);
  Thread thread;

  @BeforeEach
  void directory() throws Exception {
    env = Map.of("XDG_RUNTIME_DIR", tmp.toString());
    dir = Residents.directory(env).orElseThrow();
    assertEquals(
        tmp.resolve("chirp-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid")), dir);
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stop() throws Exception {
    try (Deadlines d = new Deadlines()) {
      for (Path s : Residents.sockets(dir)) {
        Client.ask(s, Op.STOP, d);
      }
    }
    if (thread != null) {
      thread.join(10_000);
    }
  }

  Path startDaemon(String name) throws Exception {
    Path socket = dir.resolve(name);
    Daemon d = new Daemon(socket, cwd, Duration.ofMinutes(5));
    thread =
        new Thread(
            () -> served.set(d.serve(List.of(), new PrintStream(new ByteArrayOutputStream()))));
    thread.setDaemon(true);
    thread.start();
    for (int i = 0; i < 500 && !Files.exists(socket); i++) {
      Thread.sleep(10);
    }
    return socket;
  }

  @Test
  void statusWithNoneRunning() {
    assertEquals(
        new Result(0, "chirp: no resident checker is running\n", ""),
        ChirpCli.exec(env, false, "daemon", "status"));
  }

  @Test
  void statusWithoutTheSocketDirectory() throws Exception {
    Files.delete(dir);
    assertEquals(
        new Result(0, "chirp: no resident checker is running\n", ""),
        ChirpCli.exec(env, false, "daemon", "status"));
  }

  @Test
  void statusAsksEachDaemonOverItsSocket() throws Exception {
    startDaemon("a1.sock");
    Files.writeString(dir.resolve("b2.sock"), ""); // left by a killed one: nothing answers there
    assertEquals(
        new Result(0, "chirp: a resident checker (pid " + pid + ") serves " + cwd + "\n", ""),
        ChirpCli.exec(env, false, "daemon", "status"));
  }

  @Test
  void stopEndsItWaitsForItsSocketAndRemovesWhatKilledOnesLeft() throws Exception {
    Path socket = startDaemon("a1.sock");
    Files.writeString(dir.resolve("b2.sock"), "");
    Files.writeString(dir.resolve("b2.sock.lock"), "");
    Files.writeString(dir.resolve("c3.sock.lock"), "");
    Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> ChirpCli.exec(env, false, "daemon", "stop"));
    assertEquals(new Result(0, "chirp: stopped the resident checker for " + cwd + "\n", ""), r);
    assertFalse(Files.exists(socket));
    thread.join(20_000);
    assertEquals(0, served.get(), "serve returned after stop");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(
        new Result(0, "chirp: no resident checker is running\n", ""),
        ChirpCli.exec(env, false, "daemon", "status"));
  }

  @Test
  void stopWithNoneRunning() {
    assertEquals(
        new Result(0, "chirp: no resident checker is running\n", ""),
        ChirpCli.exec(env, false, "daemon", "stop"));
  }

  @Test
  void daemonAloneIsAUsageError() {
    assertEquals(
        new Result(
            2, "", "chirp: daemon needs status or stop\nTry 'chirp daemon --help' for usage.\n"),
        ChirpCli.exec(env, false, "daemon"));
  }
}
