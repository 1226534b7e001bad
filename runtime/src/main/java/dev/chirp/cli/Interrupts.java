package dev.chirp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM (systemd, Kubernetes, timeout) during a batch: instead of killing the
 * JVM at once, ask the batch to stop taking rows so that in-flight requests finish and the journal
 * and summary are complete. Uses the JDK's Signal (module jdk.unsupported); without it, a signal
 * ends the process as usual and the journal still tells what was sent.
 */
final class Interrupts {
  private Interrupts() {}

  /**
   * Installs handlers for SIGINT and SIGTERM that call {@code onSignal} with the exit code the
   * signal stands for (130 or 143); a second signal exits at once. Returns what to pass to {@link
   * #restore}.
   */
  static Object onInterrupt(IntConsumer onSignal) {
    List<Object[]> previous = new ArrayList<>();
    int[] count = {0};
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal sig = new Signal(name);
        int code = name.equals("INT") ? 130 : 143;
        SignalHandler before =
            Signal.handle(
                sig,
                s -> {
                  if (++count[0] > 1) {
                    System.exit(code); // a second signal: stop now
                  }
                  System.err.println(
                      "\nchirp: stopping after the requests in flight ("
                          + (code == 130 ? "Ctrl-C" : "a second SIGTERM")
                          + " again to quit now)");
                  onSignal.accept(code);
                });
        previous.add(new Object[] {sig, before});
      } catch (Throwable e) {
        // this signal keeps its default
      }
    }
    return previous;
  }

  static void restore(Object previous) {
    if (previous instanceof List<?> list) {
      for (Object o : list) {
        Object[] p = (Object[]) o;
        try {
          Signal.handle((Signal) p[0], (SignalHandler) p[1]);
        } catch (Throwable e) {
          // nothing to restore
        }
      }
    }
  }

  /** Ignores signal {@code name} in this JVM (a parent waiting for a child that handles it). */
  static void ignore(String name) {
    try {
      Signal.handle(new Signal(name), SignalHandler.SIG_IGN);
    } catch (Throwable e) {
      // this signal keeps its default
    }
  }

  /** Passes signal {@code name}, sent to this JVM, on to {@code child} as a SIGTERM. */
  static void forward(String name, Process child) {
    try {
      Signal.handle(new Signal(name), s -> child.destroy());
    } catch (Throwable e) {
      // this signal keeps its default
    }
  }
}
