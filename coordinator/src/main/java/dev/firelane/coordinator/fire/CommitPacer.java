package dev.firelane.coordinator.fire;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the commits the scheduler asks for after a punctuation that emitted fires, so that they never take more
 * than about a fifth of the stream thread's time.
 *
 * <p>Workers read {@code fires} read-committed, so a fire reaches them only when its transaction commits; asking
 * for a commit at once saves up to {@code commit.interval.ms} of start lateness. But an exactly-once commit is a
 * round trip to the transaction coordinator and a marker on every partition written, and Kafka Streams halves the
 * records it processes per task between two punctuations or commits: when commits are slow (a broker restarting,
 * leaders moving) and asked on every 10 ms punctuation, the thread spends all its time committing one record
 * per task, and the topology falls behind its input for good — seen in the chaos suite as a coordinator two
 * minutes behind on {@code runs} and {@code control} after a restart next to a broker restart.
 *
 * <p>The cost of a commit is read off the time between the punctuation that asked for it and the next one that
 * comes at least a punctuation interval later (the commit happens in between); the next commit is asked for no
 * sooner than {@link #DUTY_FACTOR} times that cost after it. A fast commit costs nothing measurable, so a healthy
 * thread still commits after every punctuation that fired. A fire held back by the pacing is committed by the
 * first punctuation allowed to ask, or by {@code commit.interval.ms}, whichever comes first. Shared by the tasks
 * of one fire topology (one transaction per stream thread under exactly-once v2).
 */
final class CommitPacer {
    /** A commit that took C ms is followed by at least this many times C ms without one asked for. */
    static final int DUTY_FACTOR = 4;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long askedAt;
    private boolean measuring;
    private long nextAllowedAt;
    private boolean owed;

    CommitPacer(Duration punctuationInterval, LongSupplier nanoTime) {
        this.intervalNanos = punctuationInterval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowedAt = nanoTime.getAsLong();
    }

    static CommitPacer systemTime(Duration punctuationInterval) {
        return new CommitPacer(punctuationInterval, System::nanoTime);
    }

    /**
     * A fire was emitted outside a punctuation (a trigger, a resume's catch-up, a queued fire after its run ended):
     * it is owed a commit as much as a punctuation's fires, which the next punctuation asks for.
     */
    synchronized void owe() {
        owed = true;
    }

    /**
     * Called by each punctuation, {@code fired} saying whether it emitted anything; true when it should ask
     * for a commit now. Fires held back by the pacing are owed a commit, which a later call asks for.
     */
    synchronized boolean shouldCommit(boolean fired) {
        long now = nanoTime.getAsLong();
        if (measuring && now - askedAt >= intervalNanos) {
            long cost = Math.max(0, now - askedAt - intervalNanos);
            nextAllowedAt = now + DUTY_FACTOR * cost;
            measuring = false;
        }
        owed |= fired;
        if (!owed || now - nextAllowedAt < 0) {
            return false;
        }
        owed = false;
        askedAt = now;
        measuring = true;
        nextAllowedAt = now;
        return true;
    }
}
