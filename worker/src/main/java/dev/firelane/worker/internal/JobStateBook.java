package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this worker has learned from {@code job-state} since it started: per job, the status and generation
 * the status stream last applied: one small entry per job whose state changed since the worker started. A job
 * deleted meanwhile is unknown again, but the incarnation its tombstone deleted is remembered (a marker in its
 * place), so that a late record of that incarnation (a republication, a zombie writer) does not bring it back; a
 * later incarnation replaces the marker. Only the {@code maxDeletedRemembered} most recent deletions keep a
 * marker, so the book does not grow with every job id ever deleted. Thread-safe; lookups never block.
 */
public final class JobStateBook {
    /** Deletions remembered: far more than a worker reads in the seconds in which a late record can come. */
    public static final int DEFAULT_MAX_DELETED_REMEMBERED = 10_000;

    /** A job's applied status and generation, of one incarnation of its id. */
    public record Known(JobStatus status, long generation, long incarnation) {
        /** Of the job's first incarnation. */
        public Known(JobStatus status, long generation) {
            this(status, generation, 1);
        }

        boolean isOlderThan(Known other) {
            return incarnation != other.incarnation ? incarnation < other.incarnation : generation < other.generation;
        }

        /** Whether this is the marker of a deleted incarnation rather than a job's state. */
        boolean deleted() {
            return status == JobStatus.DELETED;
        }

        /** Whether this state is stale next to {@code known}: older, or of an incarnation it says was deleted. */
        boolean isStaleNextTo(Known known) {
            return known.deleted() ? incarnation <= known.incarnation : isOlderThan(known);
        }
    }

    private final Map<String, Known> jobs = new ConcurrentHashMap<>();
    /** The markers, oldest deletion first (a job id deleted again is in it twice; only its last is a marker). */
    private final Deque<Deletion> deletions = new ArrayDeque<>();
    private final int maxDeletedRemembered;

    public JobStateBook() {
        this(DEFAULT_MAX_DELETED_REMEMBERED);
    }

    JobStateBook(int maxDeletedRemembered) {
        if (maxDeletedRemembered < 0) {
            throw new IllegalArgumentException("maxDeletedRemembered must be >= 0; got " + maxDeletedRemembered);
        }
        this.maxDeletedRemembered = maxDeletedRemembered;
    }

    /** The status stream applied {@code status} at {@code generation} to the job's first incarnation. */
    void applied(String jobId, JobStatus status, long generation) {
        applied(jobId, status, generation, 1);
    }

    /**
     * The status stream applied {@code status} at {@code generation} to incarnation {@code incarnation} of
     * {@code jobId}: it replaces what was known, unless what was known is newer, or says that incarnation was
     * deleted (a stale record changes nothing).
     */
    void applied(String jobId, JobStatus status, long generation, long incarnation) {
        Known applied = new Known(status, generation, incarnation);
        jobs.merge(jobId, applied, (known, next) -> next.isStaleNextTo(known) ? known : next);
    }

    /**
     * The job was deleted (a tombstone): unknown from now on, its incarnation remembered as deleted. A job not
     * known here leaves nothing to remember.
     */
    synchronized void deleted(String jobId) {
        Known known = jobs.get(jobId);
        if (known == null || known.deleted()) {
            return;
        }
        jobs.put(jobId, new Known(JobStatus.DELETED, known.generation(), known.incarnation()));
        deletions.addLast(new Deletion(jobId, known.incarnation()));
        while (deletions.size() > maxDeletedRemembered) {
            Deletion oldest = deletions.removeFirst();
            jobs.computeIfPresent(oldest.jobId(), (id, now) -> oldest.isMarker(now) ? null : now);
        }
    }

    private record Deletion(String jobId, long incarnation) {
        /** Whether {@code known} is still the marker this deletion left. */
        boolean isMarker(Known known) {
            return known.deleted() && known.incarnation() == incarnation;
        }
    }

    /** The job's state can no longer be read: when in doubt, know nothing of it (not even a deletion). */
    void forget(String jobId) {
        jobs.remove(jobId);
    }

    /** What the status stream last applied to the job; empty if unknown here or deleted. */
    public Optional<Known> known(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(known -> !known.deleted());
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
