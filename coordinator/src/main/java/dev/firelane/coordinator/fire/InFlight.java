package dev.firelane.coordinator.fire;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import java.time.Instant;
import java.util.Objects;

/**
 * One fire of a job that is not finished (the {@code in-flight} store, keyed by {@link #key()}): either
 * running (emitted, no final completion yet) or waiting to be retried. A retry replaces the record of the
 * attempt it follows, so a (job, scheduled time) has one record whatever its attempt.
 *
 * @param jobId       the job
 * @param scheduledAt the schedule time the fire stands for
 * @param attempt     running: the attempt emitted; retry pending: the attempt to emit
 * @param phase       running or waiting to retry
 * @param wakeAt      running: when to look at it again (its expiry, or earlier: heartbeats move the expiry
 *                    later without re-indexing, see {@link Liveness}); retry pending: when the retry fires.
 *                    Indexed in {@code in-flight-index}
 * @param firedAt     when the current or last attempt was emitted
 * @param deadline    the emitted attempt's deadline; null without a timeout
 * @param started     whether a worker reported the emitted attempt ({@code Started} or {@code Heartbeat})
 * @param workerId    the worker that reported it last; null if none did
 * @param startedAt   when that worker said it started; null if none did
 * @param lastSeenAt  when the coordinator last heard of it (its own clock); null if never
 * @param incarnation the incarnation of the job it was fired for (1 in records stored before incarnations
 *                    existed): a retry is fired only for that incarnation
 * @param maxAttempts the fire's attempt limit, fixed when its first attempt fired ({@link Fire#maxAttempts()}); 0 in
 *                    records stored before it existed, whose limit is the job's as the topology knows it then
 */
public record InFlight(String jobId, Instant scheduledAt, int attempt, Phase phase, Instant wakeAt,
                       Instant firedAt, Instant deadline, boolean started, String workerId, Instant startedAt,
                       Instant lastSeenAt, @JsonSetter(nulls = Nulls.AS_EMPTY) long incarnation,
                       @JsonSetter(nulls = Nulls.AS_EMPTY) int maxAttempts) {
    public enum Phase { RUNNING, RETRY_PENDING }

    public InFlight {
        incarnation = Math.max(1, incarnation);
        maxAttempts = Math.max(0, maxAttempts);
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(wakeAt, "wakeAt");
    }

    /** A record of the job's first incarnation no worker reported yet. */
    public InFlight(String jobId, Instant scheduledAt, int attempt, Phase phase, Instant wakeAt, Instant firedAt,
                    Instant deadline, boolean started) {
        this(jobId, scheduledAt, attempt, phase, wakeAt, firedAt, deadline, started, null, null, null, 1, 0);
    }

    /** The attempts the fire has: its own limit, or for a record without one, the job's {@code current} one. */
    int attemptsAllowed(JobState current) {
        return maxAttempts > 0 ? maxAttempts : current.spec().maxAttempts();
    }

    /** The store key: the first attempt's fire id, {@code jobId[~incarnation]@scheduledAtMillis}. */
    public String key() {
        return keyOf(jobId, incarnation, scheduledAt);
    }

    /** The fire id of {@link #attempt()}. */
    public String fireId() {
        return FireIds.of(jobId, incarnation, scheduledAt, attempt);
    }

    /** The key of the first incarnation's fire for {@code scheduledAt}. */
    static String keyOf(String jobId, Instant scheduledAt) {
        return keyOf(jobId, 1, scheduledAt);
    }

    static String keyOf(String jobId, long incarnation, Instant scheduledAt) {
        return FireIds.of(jobId, incarnation, scheduledAt, 1);
    }

    /** The store key of the fire a fire id belongs to: the id without its {@code #attempt} suffix. */
    static String keyOfFireId(String fireId) {
        int hash = fireId.indexOf('#', fireId.lastIndexOf('@') + 1);
        return hash < 0 ? fireId : fireId.substring(0, hash);
    }

    /** Reported by {@code worker} (who started it at {@code reportedStart}, if not known yet), heard of at {@code now}. */
    InFlight seen(String worker, Instant reportedStart, Instant now) {
        Instant start = startedAt != null && Objects.equals(worker, workerId) ? startedAt : reportedStart;
        return new InFlight(jobId, scheduledAt, attempt, phase, wakeAt, firedAt, deadline, true, worker, start, now,
                incarnation, maxAttempts);
    }

    InFlight wakingAt(Instant newWakeAt) {
        return new InFlight(jobId, scheduledAt, attempt, phase, newWakeAt, firedAt, deadline, started, workerId,
                startedAt, lastSeenAt, incarnation, maxAttempts);
    }

    /** The next attempt, to fire at {@code retryAt}, of a fire that has {@code limit} attempts. */
    InFlight retryAt(Instant retryAt, int limit) {
        return new InFlight(jobId, scheduledAt, attempt + 1, Phase.RETRY_PENDING, retryAt, firedAt, null, false,
                null, null, null, incarnation, limit);
    }
}
