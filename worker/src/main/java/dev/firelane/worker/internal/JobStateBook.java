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
    /** A job's applied status and generation. */
    public record Known(JobStatus status, long generation) {
    }

    private final Map<String, Known> jobs = new ConcurrentHashMap<>();

    /** The status stream applied {@code status} at {@code generation} to {@code jobId}: it replaces what was known. */
    void applied(String jobId, JobStatus status, long generation) {
        jobs.put(jobId, new Known(status, generation));
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
     * fire was emitted under or after (same or higher generation), a job unknown here or deleted (a re-created
     * job starts its generations again, so a deletion proves nothing about a fire).
     */
    OptionalLong pausedSince(Fire fire) {
        Known known = jobs.get(fire.jobId());
        return known != null && skips(known, fire.generation()) ? OptionalLong.of(known.generation()) : OptionalLong.empty();
    }

    /** A pause bumps the generation, so a fire emitted before it carries a lower one. */
    static boolean skips(Known known, long fireGeneration) {
        return known.status() == JobStatus.PAUSED && known.generation() > fireGeneration;
    }
}
