package dev.chirp.cli;

/**
 * chirp as a process of its own for tests that signal or kill it, with the waits between send
 * attempts cut to a millisecond (as {@link ChirpCli#QUICK} does in process).
 */
final class QuickRetryMain {
  private QuickRetryMain() {}

  public static void main(String[] args) {
    System.exit(
        Main.run(
            args,
            new Main.Env(
                System.in,
                System.out,
                System.err,
                System.getenv(),
                false,
                d -> Thread.sleep(Math.min(1, d.toMillis())))));
  }
}
