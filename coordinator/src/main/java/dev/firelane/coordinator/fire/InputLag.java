package dev.firelane.coordinator.fire;

import java.time.Duration;

/**
 * Whether the fire topology is behind its input, read off the age of the records it processes: how long before
 * "now" each {@code runs} and {@code job-state} record was written ({@code control} records carry the timestamp
 * {@link ControlFirst} gives them, not their age, so they do not count). Shared by the tasks of one fire topology,
 * like the {@link CommitPacer}: Kafka Streams paces a stream thread's processing for all its tasks at once.
 *
 * <p>The scheduler punctuates less often while the topology is behind ({@link SchedulerProcessor}): Kafka Streams
 * halves the records it processes per task at every loop that punctuated, so with a punctuation due at every loop
 * (a loop longer than the 10 ms interval, as on a loaded machine) a thread with a backlog processes one record per
 * task per loop and never catches up.
 */
final class InputLag {
    /** A record processed more than this long after it was written means the topology is behind. */
    static final Duration BEHIND_AFTER = Duration.ofSeconds(1);

    private long lastAgeMillis;
    private long lastReadAtMillis;
    private boolean read;

    /** A record written at {@code timestampMillis} is processed at {@code nowMillis}. */
    synchronized void read(long timestampMillis, long nowMillis) {
        lastAgeMillis = nowMillis - timestampMillis;
        lastReadAtMillis = nowMillis;
        read = true;
    }

    /**
     * Behind: the last record processed was older than {@link #BEHIND_AFTER}, and it was processed within that time
     * (a topology that read nothing since is idle, not behind).
     */
    synchronized boolean behind(long nowMillis) {
        long limit = BEHIND_AFTER.toMillis();
        return read && lastAgeMillis > limit && nowMillis - lastReadAtMillis <= limit;
    }
}
