package dev.chirp.batch;

/** How a batch runs; see {@code chirp send --help}. */
public record BatchOptions(
    int concurrency,
    boolean dryRun,
    boolean failFast,
    boolean allowDuplicates,
    boolean resendUnknown,
    boolean batchApi) {}
