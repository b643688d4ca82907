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

    /** Handlers running now. */
    int inFlight();

    /** Records of the fires topic refused to the dlq. */
    long deadLettered();

    /** Run events or dead letters the broker did not take. */
    long publishFailures();

    /** Offset commits that failed. */
    long commitFailures();

    /** Unexpected errors caught by the poll loop. */
    long loopErrors();
}
