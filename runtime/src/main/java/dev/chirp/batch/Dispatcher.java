package dev.chirp.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hands prepared rows from the reading thread to a fixed pool of senders, with back-pressure: the
 * reader waits for a bounded number of slots, and commits queued outcomes while it waits.
 *
 * <p>Intents of single sends are committed by the reading thread, a group at a time, just before
 * the group is handed to the workers; so no worker waits for the journal, and after a crash at most
 * {@code workers + group} rows are in doubt (committed as sending, perhaps never sent).
 */
final class Dispatcher {
  /** How often outcomes are committed while the reader waits (they are queued, not waited for). */
  private static final long COMMIT_EVERY_MS = 100;

  /** Rows in one request to Bird's batch endpoint. */
  private static final int BATCH_REQUEST_ROWS = 100;

  private final Journal journal;
  private final RowSender sender;
  private final AbortPolicy abort;
  private final ExecutorService pool;
  private final int group;
  private final Semaphore slots;
  private final List<Job> ready = new ArrayList<>();
  private final List<Job> batch = new ArrayList<>();

  Dispatcher(int concurrency, Journal journal, RowSender sender, AbortPolicy abort) {
    this.journal = journal;
    this.sender = sender;
    this.abort = abort;
    int workers = Math.max(1, concurrency);
    this.pool =
        Executors.newFixedThreadPool(
            workers,
            t -> {
              Thread th = new Thread(t, "chirp-send");
              th.setDaemon(true);
              return th;
            });
    this.group = Math.min(workers, 64);
    this.slots = new Semaphore(workers + group);
  }

  /** Queues a row for the messages endpoint; a full group is committed and handed out. */
  void single(Job job) throws IOException, InterruptedException {
    ready.add(job);
    if (ready.size() == group) {
      dispatch(ready);
    }
  }

  /** Queues a row for the batch endpoint; a full request is handed out. */
  void grouped(Job job) throws IOException, InterruptedException {
    batch.add(job);
    if (batch.size() == BATCH_REQUEST_ROWS) {
      sendGroup();
    }
  }

  /** Hands out what is queued, unless the batch was stopped. */
  void flush() throws IOException, InterruptedException {
    if (!ready.isEmpty() && !abort.stopped()) { // --fail-fast: rows read before the problem go
      dispatch(ready);
    }
    if (!batch.isEmpty() && !abort.stopped()) {
      // Through the pool like the other groups: sent from this thread, it would be one request
      // more in flight than --concurrency allows, and out of order with the groups before it.
      sendGroup();
    }
  }

  /** Lets the senders finish (at most 10 minutes), committing outcomes meanwhile and at the end. */
  void finish() throws IOException, InterruptedException {
    pool.shutdown();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!pool.awaitTermination(COMMIT_EVERY_MS, TimeUnit.MILLISECONDS)
        && System.nanoTime() < until) {
      commitOutcomes();
    }
    commitOutcomes();
  }

  private void sendGroup() throws IOException, InterruptedException {
    List<Job> g = List.copyOf(batch);
    batch.clear();
    acquire(1);
    execute(() -> sender.sendGroup(g));
  }

  /** Commits the intents of {@code jobs} (with the outcomes queued so far), then hands them out. */
  private void dispatch(List<Job> jobs) throws IOException, InterruptedException {
    acquire(jobs.size());
    for (Job j : jobs) {
      journal.add(Journal.Entry.sending(j.reference(), j.line(), j.receiver(), j.bodyHash()));
    }
    journal.commit();
    for (Job j : jobs) {
      execute(() -> sender.send(j));
    }
    jobs.clear();
  }

  private void commitOutcomes() throws IOException {
    if (journal != null) {
      journal.commit();
    }
  }

  /** Waits for {@code n} bounded slots (back-pressure), committing outcomes meanwhile. */
  private void acquire(int n) throws InterruptedException, IOException {
    while (!slots.tryAcquire(n, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS)) {
      commitOutcomes();
    }
  }

  /** Runs {@code task} on the pool; its slot is freed when it ends. */
  private void execute(Runnable task) {
    pool.execute(
        () -> {
          try {
            task.run();
          } finally {
            slots.release();
          }
        });
  }
}
