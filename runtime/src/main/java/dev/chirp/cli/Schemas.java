package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.schema.SpecSchema;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The spec schema for this process: compiled once, on a thread of its own, while the command reads
 * and parses files (it takes as long as parsing a few hundred of them); a resident checker (`chirp
 * daemon`) keeps using it. The compiler library itself starts no thread and keeps no such state.
 */
final class Schemas {
  private Schemas() {}

  private static final AtomicReference<CompletableFuture<SpecSchema>> SPEC =
      new AtomicReference<>();

  private static CompletableFuture<SpecSchema> spec() {
    CompletableFuture<SpecSchema> f = SPEC.get();
    if (f != null && !f.isCompletedExceptionally()) {
      return f;
    }
    CompletableFuture<SpecSchema> fresh = new CompletableFuture<>();
    if (!SPEC.compareAndSet(f, fresh)) {
      return SPEC.get();
    }
    Thread t =
        new Thread(
            () -> {
              try {
                fresh.complete(SpecSchema.load());
              } catch (RuntimeException | Error e) {
                fresh.completeExceptionally(e);
              }
            },
            "chirp-schema");
    t.setDaemon(true);
    t.start();
    return fresh;
  }

  /** A checker on this process's schema, checking files on every core. */
  static Checker checker() {
    CompletableFuture<SpecSchema> f = spec();
    return new Checker(f::join, Clock.systemUTC()).parallel(true);
  }
}
