package dev.chirp.bench;

import dev.chirp.send.FakeBird;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback Channels API server of the tests, as a process for the send benchmark and the fault
 * drill: prints its URL, workspace and channel ids, then serves until killed.
 *
 * <pre>
 *   BenchServer KEY [PORT [LOG]]
 * </pre>
 *
 * With LOG, the reference of every request it processes is appended to LOG (one line each) before
 * it answers, so the log survives the server being killed.
 */
public final class BenchServer {
  private static final Pattern REFERENCE = Pattern.compile("\"reference\":\"([^\"]*)\"");

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    String key = args.length > 0 ? args[0] : "bench-key";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    FakeBird bird = FakeBird.start(key, port);
    if (args.length > 2) {
      FileOutputStream log = new FileOutputStream(args[2], true);
      bird.onProcessed(
          r -> {
            Matcher m = REFERENCE.matcher(r.bodyText());
            String line = (m.find() ? m.group(1) : "(no reference)") + "\n";
            synchronized (log) {
              try {
                log.write(line.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
    System.out.println(bird.url() + " " + FakeBird.WORKSPACE + " " + FakeBird.CHANNEL);
    System.out.flush();
    Thread.currentThread().join();
  }
}
