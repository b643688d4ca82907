package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision of the coordinator that a job runs now: the value of the {@code fires} topic.
 *
 * @param fireId      {@code jobId[~incarnation]@scheduledAtEpochMillis[#attempt]}, see {@link FireIds}
 * @param jobId       the job
 * @param scheduledAt the schedule time this fire stands for
 * @param firedAt     when the coordinator emitted it
 * @param attempt     1 for the first attempt, more for retries
 * @param handler     handler name
 * @param payload     handler payload
 * @param deadline    when the run must be finished; null for no deadline
 * @param generation  the job generation the coordinator fired under
 * @param incarnation the job's incarnation (see {@link JobState#incarnation()}); 1 in fires written before
 *                    incarnations existed
 * @param maxAttempts the attempts this fire has in all: the job's {@code maxAttempts} when its first attempt fired,
 *                    kept by every retry (an update of the job applies from its next fire on). The coordinator
 *                    retries while {@code attempt} is below it, and the status stream counts the fire failed when
 *                    an attempt at or past it fails; workers copy it into their {@link RunEvent.Completed}.
 *                    0 (unknown) in fires written before it existed
 */
public record Fire(String fireId, String jobId, Instant scheduledAt, Instant firedAt, int attempt,
                   String handler, JsonNode payload, Instant deadline, long generation,
                   @JsonSetter(nulls = Nulls.AS_EMPTY) long incarnation,
                   @JsonSetter(nulls = Nulls.AS_EMPTY) int maxAttempts) {
    /** A fire of the job's first incarnation. */
    public Fire(String fireId, String jobId, Instant scheduledAt, Instant firedAt, int attempt,
                String handler, JsonNode payload, Instant deadline, long generation) {
        this(fireId, jobId, scheduledAt, firedAt, attempt, handler, payload, deadline, generation, 1);
    }

    /** A fire that does not say how many attempts it has (as fires written before {@code maxAttempts}). */
    public Fire(String fireId, String jobId, Instant scheduledAt, Instant firedAt, int attempt,
                String handler, JsonNode payload, Instant deadline, long generation, long incarnation) {
        this(fireId, jobId, scheduledAt, firedAt, attempt, handler, payload, deadline, generation, incarnation, 0);
    }

    public Fire {
        incarnation = Math.max(1, incarnation);
        maxAttempts = Math.max(0, maxAttempts);
        Objects.requireNonNull(fireId, "fireId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(handler, "handler");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
    }
}
