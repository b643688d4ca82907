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
 */
public record Fire(String fireId, String jobId, Instant scheduledAt, Instant firedAt, int attempt,
                   String handler, JsonNode payload, Instant deadline, long generation, @JsonSetter(nulls = Nulls.AS_EMPTY) long incarnation) {
    /** A fire of the job's first incarnation. */
    public Fire(String fireId, String jobId, Instant scheduledAt, Instant firedAt, int attempt,
                String handler, JsonNode payload, Instant deadline, long generation) {
        this(fireId, jobId, scheduledAt, firedAt, attempt, handler, payload, deadline, generation, 1);
    }

    public Fire {
        incarnation = Math.max(1, incarnation);
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
