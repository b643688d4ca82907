package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The pause fast path's board: every {@code Pause} and {@code Delete} this process has read on {@code control},
 * fed by {@link ControlTail} outside Kafka Streams, so that no backlog in a task's input and no restoring task delays
 * it. Each task's engine reads what is new on the board at the start of every punctuation and holds the jobs it owns
 * ({@link Hold#starts} decides, so a mark older than the state a task already applied changes nothing), before it
 * fires anything. The board only ever holds: job-state alone ends a hold. It is also the process's memory of the
 * latest pause or delete of each job: an {@code active} state older than that (a resume the later pause superseded,
 * read after the earlier pause's state ended the hold) holds the job again instead of firing it. That memory is also
 * kept per job in the task's changelogged {@code schedules} store ({@link ScheduleEntry#lastHoldAt()}), since a
 * restarted process's board starts empty and does not read commands behind its committed offsets again. The task's
 * own reads of {@code control} ({@link HoldProcessor}) are put on it too. Thread-safe.
 */
public final class HoldBoard {
    /** Marks kept: one per job, the latest; beyond this the oldest-read are forgotten (each was applied long ago). */
    static final int CAPACITY = 100_000;
    static final int SEEN_CAPACITY = 10_000;

    private record Mark(Instant since, long version) {
    }

    private final Map<String, Mark> marks = new HashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    };

    /** A command read on {@code control}; anything but a pause or delete is ignored. */
    public void saw(ControlCommand command) {
        if (command == null || command.jobId() == null || !Hold.isHoldCommand(command)) {
            return;
        }
        Instant since = Hold.since(command);
        synchronized (marks) {
            long v = version.get() + 1;
            marks.merge(command.jobId(), new Mark(since, v),
                    (old, now) -> new Mark(old.since().isAfter(now.since()) ? old.since() : now.since(), v));
            version.set(v); // after the mark: a reader that sees this version finds the mark
            if (marks.size() > CAPACITY) {
                forgetOldest();
            }
        }
        synchronized (seen) {
            seen.put(command.commandId(), Boolean.TRUE);
        }
    }

    /** The latest hold time of a pause or delete of the job on the board; null if none. */
    Instant latestHold(String jobId) {
        synchronized (marks) {
            Mark mark = marks.get(jobId);
            return mark == null ? null : mark.since();
        }
    }

    /** Whether this process has read the command (so every task of it holds the job by its next punctuation). */
    public boolean hasSeen(String commandId) {
        synchronized (seen) {
            return seen.containsKey(commandId);
        }
    }

    /** The board's version: it grows with every mark. */
    long version() {
        return version.get();
    }

    /** Each job marked after {@code afterVersion}, with its hold time; returns the version read up to. */
    long marksAfter(long afterVersion, BiConsumer<String, Instant> action) {
        synchronized (marks) {
            marks.forEach((jobId, mark) -> {
                if (mark.version() > afterVersion) {
                    action.accept(jobId, mark.since());
                }
            });
            return version.get();
        }
    }

    private void forgetOldest() {
        long cut = version.get() - CAPACITY / 2;
        marks.values().removeIf(mark -> mark.version() < cut);
    }
}
