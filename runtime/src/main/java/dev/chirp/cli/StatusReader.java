package dev.chirp.cli;

import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.batch.Progress;
import dev.chirp.send.BirdClient;
import dev.chirp.send.MessageStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One round of reading: every row Bird accepted whose status is not final yet is read once, by a
 * few readers (the client's read limiter keeps them at Bird's 50 a second), and recorded as it
 * comes. The journal's rows are streamed, never all held in memory.
 */
final class StatusReader {
  /** Readers at once: at 50 reads a second and 30–150 ms a read, 8 keep the limiter busy. */
  static final int READERS = 8;

  private final Journal journal;
  private final Deliveries deliveries;
  private final BirdClient client;
  private final PrintWriter err;

  StatusReader(Journal journal, Deliveries deliveries, BirdClient client, PrintWriter err) {
    this.journal = journal;
    this.deliveries = deliveries;
    this.client = client;
    this.err = err;
  }

  /** What a round did: rows read, rows still not final, and why it stopped early (or null). */
  record Pass(int read, int pending, String stoppedBecause) {}

  Pass pass() throws IOException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            READERS,
            r -> {
              Thread t = new Thread(r, "chirp-status");
              t.setDaemon(true);
              return t;
            });
    Semaphore slots = new Semaphore(READERS * 2);
    AtomicInteger read = new AtomicInteger();
    AtomicInteger pending = new AtomicInteger();
    AtomicReference<String> stop = new AtomicReference<>();
    Progress progress = Progress.lines(err, Duration.ofSeconds(5));
    IOException[] failure = {null};
    try {
      journal.forEach(
          e -> {
            if (stop.get() != null
                || failure[0] != null
                || e.state() != Journal.State.ACCEPTED
                || e.messageId() == null) {
              return;
            }
            try {
              Optional<MessageStatus> known = deliveries.get(e.reference());
              if (known.isPresent() && known.get().isFinal()) {
                return;
              }
              slots.acquire();
            } catch (IOException ex) {
              failure[0] = ex;
              return;
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
              stop.compareAndSet(null, "interrupted");
              return;
            }
            pool.execute(
                () -> {
                  try {
                    readOne(e, read, pending, stop);
                  } finally {
                    slots.release();
                    progress.step("");
                  }
                });
          });
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      progress.close();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return new Pass(read.get(), pending.get(), stop.get());
  }

  private void readOne(
      Journal.Entry e, AtomicInteger read, AtomicInteger pending, AtomicReference<String> stop) {
    if (stop.get() != null) {
      return;
    }
    try {
      Optional<MessageStatus> s = client.message(e.messageId());
      read.incrementAndGet();
      if (s.isEmpty()) {
        return; // Bird knows no such message (any more): nothing to record, nothing to wait for
      }
      deliveries.put(e.reference(), s.get());
      if (!s.get().isFinal()) {
        pending.incrementAndGet();
      }
    } catch (IOException ex) {
      String m = ex.getMessage();
      if (m != null
          && (m.startsWith("Bird answered HTTP 401") || m.startsWith("Bird answered HTTP 403"))) {
        stop.compareAndSet(null, "reading statuses stopped: " + m);
      } else {
        pending.incrementAndGet(); // read again next round
        synchronized (err) {
          err.println("chirp: row " + e.line() + " (" + e.receiver() + "): " + m);
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      stop.compareAndSet(null, "interrupted");
    }
  }
}
