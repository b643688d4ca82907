package dev.firelane.coordinator.fire;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the stream thread's commits, so that they never take more than about a third of its time: the commits the
 * scheduler asks for after fires were emitted, and the ones that commit what was processed otherwise (at least every
 * {@link #COMMIT_AT_LEAST_EVERY}), which Kafka Streams' {@code commit.interval.ms} would ask for on a pace of its own
 * (it is set long, as a fallback: {@link FireStream#DEFAULT_COMMIT_INTERVAL_MS}).
 *
 * <p>Workers read {@code fires} read-committed, so a fire reaches them only when its transaction commits; asking
 * for a commit at once saves up to a commit interval of start lateness. But an exactly-once commit flushes the
 * producer, is a round trip to the transaction coordinator and writes a marker on every partition written, and Kafka
 * Streams halves the records it processes per task at each commit: when commits are slow (a loaded machine, a broker
 * restarting) and asked for on every 10 ms punctuation, or every 100 ms by exactly-once's default interval, the
 * thread spends its time committing one record per task, and the topology falls far behind its input: seen in the
 * chaos suite as a coordinator two minutes behind on {@code runs}, {@code control} and {@code job-state} after a
 * restart. Two paces (the interval's and the requests') also add up to back-to-back commits; one pace does not.
 *
 * <p>The cost of a commit is read off the time between the punctuation that asked for it and the first record
 * processed after it ({@link #observe()}: Kafka Streams commits right after its punctuations, before it processes
 * again), or, on an idle thread, the next punctuation that comes at least a punctuation interval later (the commit
 * happens in between). The next commit is asked for no sooner than {@link #DUTY_FACTOR} times that cost after it. A
 * fast commit costs nothing measurable, so a healthy thread still commits after nearly every punctuation that fired.
 * Shared by the tasks of one fire topology (one transaction per stream thread under exactly-once v2).
 */
final class CommitPacer {
    /** A commit that took C ms is followed by at least this many times C ms without one asked for. */
    static final int DUTY_FACTOR = 2;
    /** What was processed since the last commit (input offsets, {@code abandoned} completions) waits at most this. */
    static final Duration COMMIT_AT_LEAST_EVERY = Duration.ofSeconds(1);

    private final long intervalNanos;
    private final long atLeastEveryNanos = COMMIT_AT_LEAST_EVERY.toNanos();
    private final LongSupplier nanoTime;
    private long askedAt;
    private boolean measuring;
    private long nextAllowedAt;
    private boolean owed;

    CommitPacer(Duration punctuationInterval, LongSupplier nanoTime) {
        this.intervalNanos = punctuationInterval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowedAt = nanoTime.getAsLong();
        this.askedAt = nextAllowedAt;
    }

    static CommitPacer systemTime(Duration punctuationInterval) {
        return new CommitPacer(punctuationInterval, System::nanoTime);
    }

    /** A record is about to be processed: if a commit was asked for, it is done, and this is what it cost. */
    synchronized void observe() {
        if (measuring) {
            long now = nanoTime.getAsLong();
            nextAllowedAt = now + DUTY_FACTOR * (now - askedAt);
            measuring = false;
        }
    }

    /**
     * A fire was emitted, by a punctuation or while a record was processed (a trigger, a resume's catch-up, a queued
     * fire after its run ended): it is owed a commit, which the next punctuation asks for.
     */
    synchronized void owe() {
        owed = true;
    }

    /**
     * Called by each punctuation; true when it should ask for a commit now: fires emitted since the last commit
     * ({@link #owe()}, called for every fire) are owed one, and anything else processed is committed at least every
     * {@link #COMMIT_AT_LEAST_EVERY}, both as the pacing allows. Fires held back stay owed, and a later call asks.
     */
    synchronized boolean shouldCommit() {
        long now = nanoTime.getAsLong();
        if (measuring && now - askedAt >= intervalNanos) {
            long cost = Math.max(0, now - askedAt - intervalNanos);
            nextAllowedAt = now + DUTY_FACTOR * cost;
            measuring = false;
        }
        if (!(owed || now - askedAt >= atLeastEveryNanos) || now - nextAllowedAt < 0) {
            return false;
        }
        owed = false;
        askedAt = now;
        measuring = true;
        nextAllowedAt = now;
        return true;
    }
}
