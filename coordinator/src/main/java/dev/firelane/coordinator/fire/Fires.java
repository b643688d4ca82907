package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds fires: the job's current handler, payload and generation, its deadline when it has a timeout, and the
 * fire's attempt limit.
 */
final class Fires {
    private Fires() {
    }

    /**
     * Attempt {@code attempt} of the fire standing for {@code scheduledAt}, emitted at {@code firedAt}.
     *
     * @param maxAttempts the fire's attempt limit, fixed when its first attempt fired (see {@link Fire#maxAttempts()})
     */
    static Fire of(JobState job, Instant scheduledAt, int attempt, int maxAttempts, Instant firedAt) {
        Duration timeout = job.spec().timeout();
        Instant deadline = timeout == null ? null : firedAt.plus(timeout);
        return new Fire(FireIds.of(job.jobId(), job.incarnation(), scheduledAt, attempt), job.jobId(), scheduledAt,
                firedAt, attempt, job.spec().handler(), job.spec().payload(), deadline, job.generation(),
                job.incarnation(), maxAttempts);
    }
}
