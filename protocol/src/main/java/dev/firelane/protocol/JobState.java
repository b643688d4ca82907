package dev.firelane.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A job as the status stream applied it: the value of the compacted {@code job-state} topic, from
 * which the fire topology learns what to schedule. A deleted job is a tombstone.
 *
 * @param spec       the job's definition
 * @param status     lifecycle status after the apply
 * @param generation bumped on every pause, resume and update
 * @param createdAt  creation instant; the anchor of {@code every} schedules
 * @param updatedAt  instant of the command that produced this state
 */
public record JobState(JobSpec spec, JobStatus status, long generation, Instant createdAt, Instant updatedAt) {
    public JobState {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String jobId() {
        return spec.id();
    }
}
