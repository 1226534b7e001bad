package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chirp.cli.DaemonProtocol.Op;
import dev.chirp.cli.DaemonProtocol.Request;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
 * The resident checker over a real Unix socket: a check through it prints exactly what the same
 * check run directly prints, and whatever it must not take is handed back to the launcher (75).
 */
class DaemonTest {
  @TempDir Path tmp;
  Path dir;
  Path socket;
  Thread thread;
  final AtomicInteger served = new AtomicInteger(-1);
  final Path cwd = Path.of("").toAbsolutePath();

  static final String GOOD = "chirp: 1\nid: hello\nmessage:\n  text: Hello there\n";
  static final String BAD = "chirp: 1\nid: broken\nmessage:\n  text: Hello {{name}}\n";

  @BeforeEach
  void start() throws Exception {
    dir = Files.createDirectory(tmp.resolve("run"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    socket = dir.resolve("d.sock");
    Daemon d = new Daemon(socket, cwd, Duration.ofMinutes(5), Duration.ofMillis(500));
    thread =
        new Thread(
            () -> served.set(d.serve(List.of(), new PrintStream(new ByteArrayOutputStream()))));
    thread.setDaemon(true);
    thread.start();
    for (int i = 0; i < 200 && !Files.exists(socket); i++) {
      Thread.sleep(10);
    }
  }

  @AfterEach
  void stop() throws Exception {
    try (Deadlines d = new Deadlines()) {
      Client.ask(socket, Op.STOP, d);
    }
    thread.join(10_000);
  }

  record Result(int exit, String out, String err) {}

  Result viaDaemon(Path from, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Client.run(socket, new Request(Op.CHECK, from, false, env, List.of(args)), out, err);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result direct(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new Main.Env(
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                false));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCheckThroughTheDaemonPrintsWhatADirectCheckPrints() throws Exception {
    Path specs = Files.createDirectory(tmp.resolve("specs"));
    Files.writeString(specs.resolve("hello.yaml"), GOOD);
    Files.writeString(specs.resolve("broken.yaml"), BAD);

    for (String[] args :
        List.of(
            new String[] {"check", specs.resolve("hello.yaml").toString()},
            new String[] {"check", specs.toString()},
            new String[] {"check", "--format", "json", specs.toString()},
            new String[] {"check", "--format", "nope", specs.toString()})) {
      Result direct = direct(args);
      assertEquals(direct, viaDaemon(cwd, Map.of(), args), String.join(" ", args));
    }
    assertEquals(1, direct("check", specs.toString()).exit(), "the broken spec fails");
    assertEquals(2, direct("check", "--format", "nope", specs.toString()).exit());
  }

  @Test
  void whatItMustNotTakeGoesBackToTheLauncher() {
    assertEquals(
        new Result(75, "", ""), viaDaemon(cwd, Map.of(), "send", "specs/x.yaml", "--dry-run"));
    assertEquals(new Result(75, "", ""), viaDaemon(tmp, Map.of(), "check", "specs"));
    assertEquals(new Result(75, "", ""), viaDaemon(cwd, Map.of(), "check", "-"));
    assertEquals(
        new Result(75, "", ""),
        viaDaemon(cwd, Map.of("BIRD_ACCESS_KEY", "secret"), "check", "specs"));
  }

  @Test
  void withoutADaemonTheLauncherRunsChirpItself() throws Exception {
    Path none = dir.resolve("none.sock");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(
        75,
        Client.run(none, new Request(Op.CHECK, cwd, false, Map.of(), List.of("check")), out, out));
    assertEquals(0, out.size());
  }

  @Test
  void refusesADirectoryOthersMayEnter() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int code =
        new Daemon(open.resolve("d.sock"), cwd, Duration.ofMinutes(1))
            .serve(List.of(), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals(
        "chirp daemon: " + open + " is open to others (rwxr-xr-x); it must be rwx------\n",
        log.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(open.resolve("d.sock")));
  }

  @Test
  void exitsWhenIdleAndRemovesItsSocket() throws Exception {
    Path idleDir = Files.createDirectory(tmp.resolve("idle"));
    Files.setPosixFilePermissions(idleDir, PosixFilePermissions.fromString("rwx------"));
    Path s = idleDir.resolve("d.sock");
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                new Daemon(s, cwd, Duration.ofMillis(300))
                    .serve(List.of(), new PrintStream(new ByteArrayOutputStream())));
    assertEquals(0, code);
    assertFalse(Files.exists(s));
  }

  @Test
  void aSecondDaemonForTheSameSocketLeavesTheFirstAlone() throws Exception {
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                new Daemon(socket, cwd, Duration.ofMinutes(1))
                    .serve(List.of(), new PrintStream(new ByteArrayOutputStream())));
    assertEquals(0, code);
    Path specs = Files.createDirectory(tmp.resolve("specs2"));
    Files.writeString(specs.resolve("hello.yaml"), GOOD);
    Result r = viaDaemon(cwd, Map.of(), "check", specs.toString());
    assertEquals(0, r.exit(), r.toString());
  }

  @Test
  void aStalledClientDoesNotHoldUpTheNextCheckAndIsCutOff() throws Exception {
    Path specs = Files.createDirectory(tmp.resolve("specs3"));
    Files.writeString(specs.resolve("hello.yaml"), GOOD);
    try (SocketChannel stalled = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      stalled.connect(UnixDomainSocketAddress.of(socket));
      // It connects and sends nothing; a check from another client is served meanwhile.
      Result r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20), () -> viaDaemon(cwd, Map.of(), "check", specs.toString()));
      assertEquals(direct("check", specs.toString()), r);
      // After the request timeout (500 ms here, 5 s in chirp) the daemon hangs up on it.
      DataInputStream in = new DataInputStream(Channels.newInputStream(stalled));
      int read = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> in.read());
      assertEquals(-1, read);
    }
  }

  @Test
  void aRequestOfAnotherVersionGoesBackToTheLauncher() throws Exception {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
      out.writeInt(1);
      out.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(c));
      assertEquals(DaemonProtocol.EXIT, in.readByte());
      assertEquals(75, in.readInt());
    }
  }
}
