package dev.firelane.coordinator.fire;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a stream task has read {@code runs}, so that it never declares a fire abandoned while the report that
 * would have kept it alive may still wait in its unread input. A coordinator back from a crash, or a task that just
 * moved here, finds the run events of the time nobody owned the task there; Kafka Streams reads them in timestamp
 * order, possibly long after the first punctuation. So for {@code startupReadGrace} after the task's first
 * punctuation, a fire is judged unreported only once the task has read a {@code runs} record stamped at or after the
 * time its report was due; after that, as before, by the clock alone (an idle partition proves nothing either way).
 * Per task, in memory ({@link ScanFloors}); a new task starts over.
 */
final class RunsProgress {
    private Instant readUpTo = Instant.EPOCH;
    private Instant startedAt;

    /** The task's first punctuation. */
    void started(Instant now) {
        if (startedAt == null) {
            startedAt = now;
        }
    }

    /** A {@code runs} record was read, stamped {@code recordTime}. */
    void read(Instant recordTime) {
        if (recordTime.isAfter(readUpTo)) {
            readUpTo = recordTime;
        }
    }

    /** Whether a fire whose report was due by {@code expiry} can be judged unreported now. */
    boolean mayJudge(Instant expiry, Instant now, Duration startupReadGrace) {
        return !readUpTo.isBefore(expiry) || startedAt == null || !now.isBefore(startedAt.plus(startupReadGrace));
    }

    void reset() {
        readUpTo = Instant.EPOCH;
        startedAt = null;
    }
}
