package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the launcher's entry decides from a command line and the environment. */
class LaunchTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} with CI={1} CHIRP_DAEMON={2}: {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "check specs        | -    | -   | true",
        "check              | -    | -   | true",
        "check specs        | true | -   | false",
        "check specs        | true | 1   | true",
        "check specs        | -    | 0   | false",
        "check specs        | -    | yes | true",
        "check --help       | -    | -   | false",
        "check -h specs     | -    | -   | false",
        "check --version    | -    | -   | false",
        "send specs/x.yaml  | -    | 1   | false",
        "daemon status      | -    | 1   | false",
        "compile check      | -    | -   | false",
      })
  void wanted(String args, String ci, String daemon, boolean wanted) {
    Map<String, String> env = new HashMap<>();
    if (ci != null) {
      env.put("CI", ci);
    }
    if (daemon != null) {
      env.put("CHIRP_DAEMON", daemon);
    }
    assertEquals(wanted, Launch.wanted(List.of(args.trim().split(" ")), env));
  }

  @Test
  void wantedWithNoArguments() {
    assertEquals(false, Launch.wanted(List.of(), Map.of()));
  }

  @Test
  void theDaemonsCommandLine() {
    assertEquals(
        List.of(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "-Xmx384m",
            "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=96m",
            "-XX:-UsePerfData",
            "-Xmx1g",
            "-Dx=y",
            "-cp",
            "/c/chirp.jar",
            "dev.chirp.cli.Main",
            "daemon",
            "serve",
            "--socket",
            "/run/chirp-1/ab.sock",
            "--",
            "check",
            "specs"),
        Launch.daemonCommand(
            "/jdk/bin/java",
            Path.of("/c/chirp.jar"),
            Path.of("/run/chirp-1/ab.sock"),
            " -Xmx1g  -Dx=y ",
            new String[] {"check", "specs"}));
  }

  @Test
  void oneSocketPerDirectoryBuildAndOptions() throws Exception {
    Path jar = Files.writeString(tmp.resolve("chirp.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
    Path dir = Path.of("/run/chirp-1");
    Path s = Residents.socketFor(dir, Path.of("/w/a"), jar, "");
    assertEquals(s, Residents.socketFor(dir, Path.of("/w/a"), jar, ""));
    assertEquals(dir, s.getParent());
    assertEquals(21, s.getFileName().toString().length(), s.toString()); // 16 hex digits + .sock
    assertNotEquals(s, Residents.socketFor(dir, Path.of("/w/b"), jar, ""));
    assertNotEquals(s, Residents.socketFor(dir, Path.of("/w/a"), jar, "-Xmx1g"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_100_000L));
    assertNotEquals(s, Residents.socketFor(dir, Path.of("/w/a"), jar, ""));
  }
}
