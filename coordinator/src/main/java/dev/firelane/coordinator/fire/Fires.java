package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import java.time.Duration;
import java.time.Instant;

/** Builds fires: the job's current handler, payload and generation, and its deadline when it has a timeout. */
final class Fires {
    private Fires() {
    }

    /** Attempt {@code attempt} of the fire standing for {@code scheduledAt}, emitted at {@code firedAt}. */
    static Fire of(JobState job, Instant scheduledAt, int attempt, Instant firedAt) {
        Duration timeout = job.spec().timeout();
        Instant deadline = timeout == null ? null : firedAt.plus(timeout);
        return new Fire(FireIds.of(job.jobId(), job.incarnation(), scheduledAt, attempt), job.jobId(), scheduledAt,
                firedAt, attempt, job.spec().handler(), job.spec().payload(), deadline, job.generation(),
                job.incarnation());
    }
}
