package dev.chirp.bench;

import dev.chirp.send.FakeBird;

/**
 * The loopback Channels API server of the tests, as a process for the send benchmark: prints its
 * URL, workspace and channel ids, then serves until killed.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    String key = args.length > 0 ? args[0] : "bench-key";
    FakeBird bird = FakeBird.start(key);
    System.out.println(bird.url() + " " + FakeBird.WORKSPACE + " " + FakeBird.CHANNEL);
    System.out.flush();
    Thread.currentThread().join();
  }
}
