package dev.chirp.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server that answers every POST 202 after a fixed delay, as a Channels API 30–150 ms
 * away would, for the send-pace benchmark: prints its URL, then serves until killed.
 *
 * <pre>
 *   LatencyServer KEY DELAY_MS
 * </pre>
 *
 * Answers are scheduled, not slept, so any number of requests can be in flight at once. {@code GET
 * /stats} answers {@code POSTS FIRST_NS LAST_NS MAX_IN_FLIGHT} (arrival times of the first and the
 * last POST) and starts counting anew; a POST without the key's Authorization header is a 401.
 * {@code GET .../messages/{id}} answers, after the same delay, a delivered message, at most 50 a
 * second like Bird (429 with Retry-After: 1 above that); {@code GET /stats} ends with the count of
 * reads and of 429s.
 */
public final class LatencyServer {
  private LatencyServer() {}

  public static void main(String[] args) throws Exception {
    String auth = "AccessKey " + args[0];
    long delayMs = Long.parseLong(args[1]);
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    AtomicInteger posts = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger tooMany = new AtomicInteger();
    java.util.ArrayDeque<Long> readTimes = new java.util.ArrayDeque<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        ex -> {
          if (ex.getRequestMethod().equals("GET")
              && ex.getRequestURI().getPath().equals("/stats")) {
            String s =
                posts.getAndSet(0)
                    + " "
                    + first.getAndSet(0)
                    + " "
                    + last.get()
                    + " "
                    + maxInFlight.getAndSet(0)
                    + " "
                    + reads.getAndSet(0)
                    + " "
                    + tooMany.getAndSet(0)
                    + "\n";
            answer(ex, 200, s);
            return;
          }
          if (ex.getRequestMethod().equals("GET")) {
            long now = System.nanoTime();
            boolean over;
            synchronized (readTimes) {
              while (!readTimes.isEmpty() && now - readTimes.peekFirst() > 1_000_000_000L) {
                readTimes.pollFirst();
              }
              over = readTimes.size() >= 50;
              if (!over) {
                readTimes.addLast(now);
              }
            }
            if (over) {
              tooMany.incrementAndGet();
              ex.getResponseHeaders().set("Retry-After", "1");
              answer(ex, 429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}");
              return;
            }
            reads.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            String msg =
                "{\"id\":\""
                    + id
                    + "\",\"status\":\"delivered\",\"lastStatusAt\":\"2026-12-02T10:00:00Z\"}";
            later.schedule(() -> answer(ex, 200, msg), delayMs, TimeUnit.MILLISECONDS);
            return;
          }
          try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
          }
          if (!auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "{\"code\":\"Unauthorized\",\"message\":\"bad key\"}");
            return;
          }
          long now = System.nanoTime();
          posts.incrementAndGet();
          first.compareAndSet(0, now);
          last.set(now);
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"accepted\"}";
          later.schedule(
              () -> {
                inFlight.decrementAndGet();
                answer(ex, 202, body);
              },
              delayMs,
              TimeUnit.MILLISECONDS);
        });
    server.start();
    System.out.println("http://127.0.0.1:" + server.getAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void answer(HttpExchange ex, int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    try {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    } catch (IOException e) {
      // the client went away
    } finally {
      ex.close();
    }
  }
}
