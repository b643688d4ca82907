package dev.firelane.coordinator.status;

import dev.firelane.protocol.JobState;
import java.util.Objects;

/**
 * What an apply asks to publish on {@code job-state}, keyed by job id.
 *
 * @param state the job as applied, or null for a tombstone (the job was deleted)
 */
public record Publication(String jobId, JobState state) {
    public Publication {
        Objects.requireNonNull(jobId, "jobId");
    }

    public static Publication of(JobState state) {
        return new Publication(state.jobId(), state);
    }

    public static Publication tombstone(String jobId) {
        return new Publication(jobId, null);
    }

    public boolean isTombstone() {
        return state == null;
    }
}
