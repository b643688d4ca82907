package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import java.time.Instant;

/** Builds the first attempt of a fire for a job. */
final class Fires {
    private static final int FIRST_ATTEMPT = 1;

    private Fires() {
    }

    static Fire firstAttempt(JobState job, Instant scheduledAt, Instant firedAt) {
        return new Fire(FireIds.of(job.jobId(), scheduledAt, FIRST_ATTEMPT), job.jobId(), scheduledAt, firedAt,
                FIRST_ATTEMPT, job.spec().handler(), job.spec().payload(), null, job.generation());
    }
}
