package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
import java.time.Instant;
import java.util.Objects;

/**
 * What the fire topology keeps per job (the {@code schedules} store).
 *
 * @param job             the job as last applied
 * @param nextFireAt      the schedule time it is indexed under; null when not scheduled
 * @param lastScheduledAt the last schedule time handled (fired, queued, skipped for overlap or given up as
 *                        missed); null if none. Persisted (and changelogged) so that no schedule time at or
 *                        before it is ever fired again, and so that a resume knows which times it missed
 * @param queuedAt        the schedule time of the fire waiting for the in-flight run (overlap
 *                        {@code queue}); null if none waits
 */
public record ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt) {
    public ScheduleEntry {
        Objects.requireNonNull(job, "job");
    }

    /** An entry with no queued fire. */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt) {
        this(job, nextFireAt, lastScheduledAt, null);
    }

    public String jobId() {
        return job.jobId();
    }

    /** Whether {@code scheduledAt} is after the last handled schedule time. */
    public boolean isNew(Instant scheduledAt) {
        return lastScheduledAt == null || scheduledAt.isAfter(lastScheduledAt);
    }

    ScheduleEntry withQueued(Instant scheduledAt) {
        return new ScheduleEntry(job, nextFireAt, lastScheduledAt, scheduledAt);
    }
}
