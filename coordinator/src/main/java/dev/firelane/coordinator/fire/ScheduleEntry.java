package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
import java.time.Instant;
import java.util.Objects;

/**
 * What the fire topology keeps per job (the {@code schedules} store).
 *
 * @param job             the job as last applied
 * @param nextFireAt      the schedule time it is indexed under; null when not scheduled
 * @param lastScheduledAt the last schedule time fired; null if never. Persisted (and changelogged)
 *                        so that no schedule time at or before it is ever fired again
 */
public record ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt) {
    public ScheduleEntry {
        Objects.requireNonNull(job, "job");
    }

    public String jobId() {
        return job.jobId();
    }

    /** Whether {@code scheduledAt} is after the last fired schedule time. */
    public boolean isNew(Instant scheduledAt) {
        return lastScheduledAt == null || scheduledAt.isAfter(lastScheduledAt);
    }
}
