package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch from a big recipients file runs again on a JVM with the optimizing compiler. */
class LongBatchTest {
  @TempDir Path dir;

  Path file(String name, long size) throws Exception {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size); // sparse: no disk written
    }
    return p;
  }

  @Test
  void onlyASendFromARecipientsFileOver8MbIsALongBatch() throws Exception {
    String big = file("big.csv", LongBatch.BIG_RECIPIENTS_BYTES + 1).toString();
    String edge = file("edge.csv", LongBatch.BIG_RECIPIENTS_BYTES).toString();
    assertEquals(
        Optional.of(Path.of(big)),
        LongBatch.bigRecipients(List.of("send", "s.yaml", "--recipients", big, "--dry-run")));
    assertEquals(
        Optional.of(Path.of(big)),
        LongBatch.bigRecipients(List.of("send", "--recipients=" + big, "s.yaml")));
    assertEquals(
        Optional.empty(), LongBatch.bigRecipients(List.of("send", "s.yaml", "--recipients", edge)));
    assertEquals(
        Optional.empty(),
        LongBatch.bigRecipients(List.of("send", "s.yaml", "--recipients", big + ".missing")));
    assertEquals(Optional.empty(), LongBatch.bigRecipients(List.of("check", "--recipients", big)));
    assertEquals(
        Optional.empty(),
        LongBatch.bigRecipients(List.of("send", "s.yaml", "--", "--recipients", big)));
    assertEquals(Optional.empty(), LongBatch.bigRecipients(List.of("send", "--recipients")));
    assertEquals(Optional.empty(), LongBatch.bigRecipients(List.of()));
  }

  @Test
  void theLastCompilerOptionDecides() {
    assertEquals(true, LongBatch.quickOnly(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1")));
    assertEquals(
        false, LongBatch.quickOnly(List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")));
    assertEquals(false, LongBatch.quickOnly(List.of("-XX:+UseSerialGC")));
  }

  @Test
  void theRerunKeepsEveryOtherOption() {
    assertEquals(
        List.of(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            "/opt/chirp.jar",
            "dev.chirp.cli.Main",
            "send",
            "s.yaml",
            "--recipients",
            "big.csv"),
        LongBatch.command(
            "/jdk",
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"),
            "/opt/chirp.jar",
            List.of("send", "s.yaml", "--recipients", "big.csv")));
  }

  /** The JVMs print their final flags: the first (quick only) and then the rerun (tiered). */
  @Test
  void aLongBatchRunsOnASecondJvmWithTheOptimizingCompiler() throws Exception {
    Path big = file("big.csv", LongBatch.BIG_RECIPIENTS_BYTES + 1);
    Path spec = Path.of("..", "specs", "order-shipped.yaml").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+PrintFlagsFinal",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "send",
                spec.toString(),
                "--recipients",
                big.toString(),
                "--dry-run")
            .redirectError(dir.resolve("err").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    List<String> levels = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.contains(" TieredStopAtLevel ")) {
        levels.add(line.replaceAll(".*= *(\\d+).*", "$1"));
      }
    }
    assertEquals(List.of("1", "4"), levels);
    // The rerun's answer is the command's: a recipients file of NUL bytes is refused (exit 2).
    assertEquals(2, code, Files.readString(dir.resolve("err")));
  }
}
