package dev.chirp.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one per-command JVM tuning, in Java rather than in a launcher: a batch from a big recipients
 * file runs again on a JVM with the optimizing compiler.
 *
 * <p>The launchers start every command with the quick compiler only ({@code
 * -XX:TieredStopAtLevel=1}): it starts faster and used less CPU for checks and for batches up to
 * about 100k rows. Beyond that the optimizing compiler wins by far (a 1M-row dry-run on 2 cores: 27
 * s with the quick compiler only, 13 s tiered; bench/results.md), and one more JVM start (about 0.1
 * s) is nothing beside it.
 */
final class LongBatch {
  /** About 110k rows of a typical recipients file (72 bytes a row in the benchmark's file). */
  static final long BIG_RECIPIENTS_BYTES = 8_000_000;

  private static final String QUICK_ONLY = "-XX:TieredStopAtLevel=1";

  private LongBatch() {}

  /**
   * The recipients file of a {@code send} command line when it is big enough for the optimizing
   * compiler to pay; empty for every other command line (help, a missing file: chirp reports it).
   */
  static Optional<Path> bigRecipients(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("send")) {
      return Optional.empty();
    }
    String file = null;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        break;
      } else if (a.equals("--recipients") && i + 1 < args.size()) {
        file = args.get(++i);
      } else if (a.startsWith("--recipients=")) {
        file = a.substring("--recipients=".length());
      }
    }
    try {
      if (file != null && Files.size(Path.of(file)) > BIG_RECIPIENTS_BYTES) {
        return Optional.of(Path.of(file));
      }
    } catch (IOException | InvalidPathException e) {
      // Not there or not readable: the command itself says so.
    }
    return Optional.empty();
  }

  /** Whether this JVM's last word on the compilers is the quick one only. */
  static boolean quickOnly(List<String> jvmArgs) {
    String last = null;
    for (String a : jvmArgs) {
      if (a.startsWith("-XX:TieredStopAtLevel=")) {
        last = a;
      }
    }
    return QUICK_ONLY.equals(last);
  }

  /** The same command on this JVM's options without the compiler limit. */
  static List<String> command(
      String javaHome, List<String> jvmArgs, String classPath, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    for (String a : jvmArgs) {
      if (!a.startsWith("-XX:TieredStopAtLevel=")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * Runs {@code args} again on a tiered JVM when they are a long batch and this JVM has the quick
   * compiler only; returns its exit code, or empty to run here.
   */
  static Optional<Integer> rerun(String[] args) {
    // The file first: the management classes cost start-up time every other command need not pay.
    if (bigRecipients(List.of(args)).isEmpty()) {
      return Optional.empty();
    }
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    if (!quickOnly(jvmArgs)) {
      return Optional.empty();
    }
    List<String> cmd =
        command(
            System.getProperty("java.home"),
            jvmArgs,
            System.getProperty("java.class.path"),
            List.of(args));
    Process child;
    try {
      child = new ProcessBuilder(cmd).inheritIO().start();
    } catch (IOException e) {
      return Optional.empty(); // Run here, only slower.
    }
    // Ctrl-C reaches the whole foreground process group, so the child gets it and stops the batch
    // in order; this JVM ignores it and waits. A TERM or HUP sent to this JVM alone goes on.
    Interrupts.ignore("INT");
    Interrupts.forward("TERM", child);
    Interrupts.forward("HUP", child);
    while (true) {
      try {
        return Optional.of(child.waitFor());
      } catch (InterruptedException e) {
        // Keep waiting: the child decides when the batch ends.
      }
    }
  }
}
