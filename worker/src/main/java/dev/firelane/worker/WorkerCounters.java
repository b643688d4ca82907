package dev.firelane.worker;

import dev.firelane.protocol.RunOutcome;

/** Live counts of what a {@link Worker} has done since it started (read-only; thread-safe). */
public interface WorkerCounters {
    /** Fires whose handler was started. */
    long started();

    /** Completed events published with {@code outcome}. */
    long completed(RunOutcome outcome);

    /** Completed events published, all outcomes. */
    long completed();

    /** Runs holding a slot now (a handler abandoned on its thread no longer does). */
    int inFlight();

    /** Records of the fires topic refused to the dlq. */
    long deadLettered();

    /** Run events or dead letters the broker did not take. */
    long publishFailures();

    /**
     * Fires whose outcome could not be published at all (given up after the retries): their offsets are committed
     * past anyway, and the coordinator marks them abandoned.
     */
    long publishGivenUp();

    /**
     * Runs still going past {@link WorkerConfig#handoverAfter()}: their offsets no longer hold back their
     * partition's commit position; the coordinator follows them by their heartbeats.
     */
    long handedOver();

    /** Offset commits that failed. */
    long commitFailures();

    /** Unexpected errors caught by the poll loop. */
    long loopErrors();

    /**
     * Runs whose handler ignored the interrupt (at its deadline, or after a cancel) and was left running on
     * its own thread; each was reported and its slot freed.
     */
    long abandonedThreads();

    /** Fires on the broker not yet read by this worker, summed over its partitions (last measured). */
    long consumerLag();
}
