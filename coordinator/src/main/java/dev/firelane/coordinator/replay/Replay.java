package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.store.DatabaseConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Replay for incident analysis: what the topics say happened, applied with the status stream's own code.
 * Replay reads the topics and writes only scratch databases; it never writes a topic or the live database.
 *
 * <pre>{@code
 * try (TopicHistory history = TopicHistory.connect(settings)) {
 *     Replay replay = new Replay(history, Clock.systemUTC(), System.err::println, System::nanoTime);
 *     replay.timeline("nightly", null, null).forEach(...);
 * }
 * }</pre>
 */
public final class Replay {
    private final TopicHistory history;
    private final Clock clock;
    private final Consumer<String> notices;
    private final LongSupplier nanoTime;

    /**
     * @param history  the topics
     * @param clock    the "now" against which {@code check} ages the records its groups have not consumed;
     *                 nothing replayed reads it
     * @param notices  where warnings and progress lines go (stderr)
     * @param nanoTime a monotonic clock for the progress rate
     */
    public Replay(TopicHistory history, Clock clock, Consumer<String> notices, LongSupplier nanoTime) {
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Every record of the job, in apply order, listed from {@code from} to {@code to} (either may be null). */
    public List<TimelineEntry> timeline(String jobId, Instant from, Instant to) {
        return new Timeline(this).of(jobId, from, to);
    }

    /** The job's row and runs in flight as they stood at {@code at}. */
    public JobSnapshot stateAt(String jobId, Instant at) {
        return new StateAt(this).of(jobId, at);
    }

    /** Rebuilds an empty database from the topics, up to {@code until} (null: everything). */
    public Rebuild.Result rebuild(DatabaseConfig target, DatabaseConfig live, Instant until) {
        return new Rebuild(this).into(target, live, until);
    }

    /** The fire times the job's schedule implies between {@code from} and {@code to}, next to the fires emitted. */
    public ScheduleAudit.Report schedule(String jobId, Instant from, Instant to, int limit) {
        return new ScheduleHistory(this).audit(jobId, from, to, limit);
    }

    /**
     * Checks the whole history against Firelane's invariants ({@link HistoryCheck}), and, with a live database,
     * that a rebuild from the topics equals it (unless {@code compareRebuild} is false).
     *
     * @param workerGroup the workers' consumer group ({@code worker.group}), checked for stalled partitions of
     *                    {@code fires} beside the status stream's and the fire topology's groups
     */
    public HistoryRead.Report check(DatabaseConfig live, HistoryCheck.Settings settings, boolean compareRebuild,
                                    String workerGroup) {
        return new HistoryRead(this).check(live, settings, compareRebuild, workerGroup);
    }

    TopicHistory history() {
        return history;
    }

    Clock clock() {
        return clock;
    }

    void notice(String line) {
        notices.accept(line);
    }

    Progress progress(String what) {
        return new Progress(notices, nanoTime, "replay " + what);
    }

    ScratchDatabase scratch() {
        return ScratchDatabase.inMemory();
    }
}
