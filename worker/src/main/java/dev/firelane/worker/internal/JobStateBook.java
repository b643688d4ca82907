package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this worker has learned from {@code job-state} since it started: per job, the status and generation
 * the status stream last applied: one small entry per job whose state changed since the worker started, a
 * job deleted meanwhile forgotten. Thread-safe; lookups never block.
 */
public final class JobStateBook {
    /** A job's applied status and generation, of one incarnation of its id. */
    public record Known(JobStatus status, long generation, long incarnation) {
        /** Of the job's first incarnation. */
        public Known(JobStatus status, long generation) {
            this(status, generation, 1);
        }

        boolean isOlderThan(Known other) {
            return incarnation != other.incarnation ? incarnation < other.incarnation : generation < other.generation;
        }
    }

    private final Map<String, Known> jobs = new ConcurrentHashMap<>();

    /** The status stream applied {@code status} at {@code generation} to the job's first incarnation. */
    void applied(String jobId, JobStatus status, long generation) {
        applied(jobId, status, generation, 1);
    }

    /**
     * The status stream applied {@code status} at {@code generation} to incarnation {@code incarnation} of
     * {@code jobId}: it replaces what was known, unless what was known is newer (a stale record changes nothing).
     */
    void applied(String jobId, JobStatus status, long generation, long incarnation) {
        Known applied = new Known(status, generation, incarnation);
        jobs.merge(jobId, applied, (known, next) -> next.isOlderThan(known) ? known : next);
    }

    /** The job was deleted (a tombstone), or its state can no longer be read. */
    void forget(String jobId) {
        jobs.remove(jobId);
    }

    public Optional<Known> known(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /**
     * The generation of the pause that came after {@code fire} was emitted, when its job is known paused now:
     * then the fire must not start. Empty for anything else — an active, failed or completed job, a pause the
     * fire was emitted under or after (same or higher generation), a job unknown here or deleted, a fire of
     * another incarnation of the job id (a re-created job starts its generations again: generations of two
     * incarnations do not compare).
     */
    OptionalLong pausedSince(Fire fire) {
        Known known = jobs.get(fire.jobId());
        return known != null && skips(known, fire.generation(), fire.incarnation())
                ? OptionalLong.of(known.generation()) : OptionalLong.empty();
    }

    /** A pause bumps the generation, so a fire emitted before it carries a lower one. */
    static boolean skips(Known known, long fireGeneration, long fireIncarnation) {
        return known.status() == JobStatus.PAUSED && known.incarnation() == fireIncarnation
                && known.generation() > fireGeneration;
    }
}
