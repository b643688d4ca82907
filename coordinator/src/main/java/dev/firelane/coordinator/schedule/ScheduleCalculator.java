package dev.firelane.coordinator.schedule;

import com.cronutils.model.time.ExecutionTime;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Schedules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedule math: when a job fires next. A pure function of (spec, anchor, after); it only caches
 * parsed schedules, so one instance may be shared by all stream threads.
 *
 * <p>Every computed fire time has millisecond precision (the precision of fire ids). The anchor is
 * the job's {@code createdAt}; only {@code every} schedules use it: they fire at anchor + k * interval,
 * k >= 1, whatever the zone or DST. A cron schedule is a set of wall-clock times in the job's zone,
 * each of which fires exactly once: at that instant if it occurs once, at its first occurrence if the
 * clocks go back over it, at the first instant after the gap if the clocks skip it (several skipped
 * times fire once, together).
 *
 * <p>The spec's window bounds every answer: no fire time is before {@code notBefore} or after
 * {@code notAfter} (both inclusive, both optional). The window filters the schedule; it does not move
 * an {@code every} grid.
 */
public final class ScheduleCalculator {
    /** How many parsed schedules are cached before the cache is dropped and refilled. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final int cacheSize;
    private final Map<Key, CompiledSchedule> cache = new ConcurrentHashMap<>();

    public ScheduleCalculator() {
        this(DEFAULT_CACHE_SIZE);
    }

    public ScheduleCalculator(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be >= 1; got " + cacheSize);
        }
        this.cacheSize = cacheSize;
    }

    /**
     * The first fire time strictly after {@code after} and inside the spec's window, or empty if the
     * schedule has no more (it ended, or the window closed).
     *
     * @throws dev.firelane.protocol.InvalidFieldException if the spec's schedule or zone is invalid
     */
    public Optional<Instant> nextAfter(JobSpec spec, Instant anchor, Instant after) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(after, "after");
        return nextInWindow(compile(spec), spec, anchor, after);
    }

    /** Up to {@code count} successive fire times strictly after {@code after}, in order. */
    public List<Instant> next(JobSpec spec, Instant anchor, Instant after, int count) {
        return between(spec, anchor, after, null, count);
    }

    /**
     * The fire times {@code t} with {@code after < t <= until}, in order, at most {@code limit} of them:
     * the times missed between two instants, e.g. for a catch-up after an outage.
     *
     * @param until the last instant included; null for no bound
     */
    public List<Instant> between(JobSpec spec, Instant anchor, Instant after, Instant until, int limit) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(after, "after");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0; got " + limit);
        }
        CompiledSchedule schedule = compile(spec);
        List<Instant> times = new ArrayList<>(Math.min(limit, 1_000));
        Instant cursor = after;
        while (times.size() < limit) {
            Optional<Instant> next = nextInWindow(schedule, spec, anchor, cursor);
            if (next.isEmpty() || (until != null && next.get().isAfter(until))) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    private static Optional<Instant> nextInWindow(CompiledSchedule schedule, JobSpec spec, Instant anchor, Instant after) {
        Instant notBefore = spec.notBefore();
        Instant notAfter = spec.notAfter();
        if (notAfter != null && !after.isBefore(notAfter)) {
            return Optional.empty(); // nothing after `after` is inside the window any more
        }
        // "strictly after notBefore - 1ns" is "at or after notBefore"
        Instant from = notBefore != null && notBefore.isAfter(after) ? notBefore.minusNanos(1) : after;
        return schedule.nextAfter(anchor, from).filter(t -> notAfter == null || !t.isAfter(notAfter));
    }

    private CompiledSchedule compile(JobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Key key = new Key(spec.scheduleKind(), spec.schedule(), spec.timeZone());
        CompiledSchedule cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledSchedule compiled = parse(key);
        if (cache.size() >= cacheSize) {
            cache.clear(); // crude bound: schedules are few and cheap to re-parse
        }
        cache.put(key, compiled);
        return compiled;
    }

    private static CompiledSchedule parse(Key key) {
        if (key.kind() == null) {
            throw new InvalidFieldException("scheduleKind", "is required: one of cron, every, at");
        }
        return switch (key.kind()) {
            case EVERY -> new CompiledSchedule.Every(Schedules.parseEvery(key.schedule()));
            case AT -> new CompiledSchedule.At(Schedules.parseAt(key.schedule()));
            case CRON -> new CompiledSchedule.Cron(
                    ExecutionTime.forCron(Schedules.parseCron(key.schedule())), Schedules.parseZone(key.zone()));
        };
    }

    private record Key(ScheduleKind kind, String schedule, String zone) {
    }
}
