package dev.chirp.cli;

/**
 * Ctrl-C during a batch: instead of killing the JVM at once, ask the batch to stop taking rows so
 * that in-flight requests finish and the journal and summary are complete. Uses the JDK's
 * sun.misc.Signal (module jdk.unsupported); without it, Ctrl-C ends the process as usual and the
 * journal still tells what was sent.
 */
final class Interrupts {
  private Interrupts() {}

  /** Installs {@code onInt} for SIGINT; returns what to pass to {@link #restore}. */
  static Object onInterrupt(Runnable onInt) {
    try {
      sun.misc.Signal sig = new sun.misc.Signal("INT");
      int[] count = {0};
      return sun.misc.Signal.handle(
          sig,
          s -> {
            if (++count[0] > 1) {
              System.exit(BatchSend.INTERRUPTED); // a second Ctrl-C: stop now
            }
            System.err.println(
                "\nchirp: stopping after the requests in flight (Ctrl-C again to quit now)");
            onInt.run();
          });
    } catch (Throwable e) {
      return null;
    }
  }

  static void restore(Object previous) {
    if (previous instanceof sun.misc.SignalHandler h) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
      } catch (Throwable e) {
        // nothing to restore
      }
    }
  }
}
