package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule state of one stream task: the {@code schedules} store and the {@link DueIndex}, kept
 * consistent (an entry's {@code nextFireAt} is indexed, and a deleted job's marker under its {@code forgetAt};
 * nothing else is).
 *
 * <p><b>Deleted jobs.</b> A tombstone replaces the job's entry by a marker of the incarnation it deleted, for
 * {@code deletionMemory}: a {@code job-state} record of that incarnation or an earlier one read meanwhile (a
 * republication, a zombie writer) is stale and does not bring the job back; a later incarnation replaces the
 * marker as a new job. The due scan drops the marker when its time comes, so the store holds one small entry per
 * job id deleted in the last {@code deletionMemory}, not one per job id ever deleted. A tombstone of a job this
 * task never knew leaves nothing (there is no incarnation to remember). Markers are invisible to {@link #get}.
 */
final class ScheduleBook {
    private static final Logger log = LoggerFactory.getLogger(ScheduleBook.class);

    private final KeyValueStore<String, ScheduleEntry> entries;
    private final DueIndex index;
    private final ScheduleCalculator calculator;
    private final Duration deletionMemory;

    /**
     * A {@code job-state} record applied: the entry before (null if unknown) and after (null if deleted); both the
     * same entry when the record was stale and changed nothing.
     */
    record Applied(ScheduleEntry before, ScheduleEntry after, boolean stale) {
        Applied(ScheduleEntry before, ScheduleEntry after) {
            this(before, after, false);
        }

        /**
         * Firing again after being paused, failed or held: the times missed meanwhile are up to the misfire
         * policy.
         */
        boolean resumed() {
            return !stale && after != null && after.firing() && resumes(before, after.job());
        }
    }

    ScheduleBook(KeyValueStore<String, ScheduleEntry> entries, DueIndex index, ScheduleCalculator calculator,
                 Duration deletionMemory) {
        this.entries = entries;
        this.index = index;
        this.calculator = calculator;
        this.deletionMemory = deletionMemory;
    }

    /**
     * Applies a {@code job-state} record; a null state is a tombstone (the job was deleted). A job that is
     * not active keeps its entry (so that {@code lastScheduledAt} still guards and informs the resume) but
     * is unindexed and loses its queued fire. A resumed job is indexed at its first time after now. A held
     * job stays held, with the new definition, while {@link Hold#keeps} says so.
     *
     * <p>A state older than the one applied (a lower generation of the same incarnation, or an earlier
     * incarnation: {@link JobState#isOlderThan}) changes nothing: an older {@code active} never overwrites a newer
     * {@code paused}. A later incarnation (the job deleted and created again, its tombstone not seen here) is a new
     * job: nothing of the old entry carries over, neither its handled times nor its queued fire. A state of a
     * deleted incarnation read after its tombstone is stale too (see the class comment).
     */
    Applied apply(String jobId, JobState state, Instant now) {
        ScheduleEntry old = entries.get(jobId);
        if (state == null) {
            return deleted(old, now);
        }
        if (old != null && old.deleted()) {
            if (state.incarnation() <= old.job().incarnation()) {
                log.warn("jobId={} stale job-state ignored: {} at generation {} of incarnation {}, which was deleted",
                        jobId, state.status().wire(), state.generation(), state.incarnation());
                return new Applied(null, null, true);
            }
            // a new incarnation: the job id created again, handled below as a new job replacing the marker
        }
        if (old != null && !old.deleted() && state.isOlderThan(old.job())) {
            log.warn("jobId={} stale job-state ignored: {} at generation {} of incarnation {}, older than the applied {}"
                            + " at generation {} of incarnation {}", jobId, state.status().wire(), state.generation(),
                    state.incarnation(), old.job().status().wire(), old.job().generation(), old.job().incarnation());
            return new Applied(old, old, true);
        }
        if (old != null && old.job().incarnation() != state.incarnation()) {
            Instant next = state.status() == JobStatus.ACTIVE ? nextOnApply(null, state, now, false) : null;
            ScheduleEntry reborn = new ScheduleEntry(state, next, null);
            save(old, reborn);
            return new Applied(null, reborn);
        }
        if (old != null && Hold.keeps(old, state)) {
            ScheduleEntry kept = new ScheduleEntry(state, null, old.lastScheduledAt(), null, old.heldSince());
            save(old, kept);
            return new Applied(old, kept);
        }
        Instant last = old == null ? null : old.lastScheduledAt();
        boolean active = state.status() == JobStatus.ACTIVE;
        boolean resumed = resumes(old, state);
        Instant next = active ? nextOnApply(old, state, now, resumed) : null;
        Instant queued = active && old != null ? old.queuedAt() : null;
        ScheduleEntry entry = new ScheduleEntry(state, next, last, queued);
        save(old, entry);
        return new Applied(old, entry);
    }

    /** The job's entry, if it is known and not deleted. */
    Optional<ScheduleEntry> get(String jobId) {
        return Optional.ofNullable(entries.get(jobId)).filter(entry -> !entry.deleted());
    }

    /**
     * A tombstone: the job's entry becomes a marker of its incarnation until {@code now + deletionMemory}; a
     * marker already there stays as it is.
     */
    private Applied deleted(ScheduleEntry old, Instant now) {
        if (old == null || old.deleted()) {
            return new Applied(null, null);
        }
        save(old, ScheduleEntry.deletedMarker(old, now.plus(deletionMemory)));
        return new Applied(old, null);
    }

    /** The job's entry if it is known, active and not held. */
    Optional<ScheduleEntry> active(String jobId) {
        return get(jobId).filter(ScheduleEntry::firing);
    }

    /**
     * Holds the job: unindexed, its queued fire dropped, {@code lastScheduledAt} kept for the resume.
     *
     * @param since the hold command's time; the entry keeps the latest of it and a hold it already had
     */
    ScheduleEntry hold(ScheduleEntry entry, Instant since) {
        ScheduleEntry held = new ScheduleEntry(entry.job(), null, entry.lastScheduledAt(), null,
                Hold.heldSince(entry, since));
        save(entry, held);
        return held;
    }

    /**
     * Up to {@code limit} active entries due at or before {@code now}; drops index keys gone stale. Call
     * {@link #dueHandled()} once every one is handled.
     */
    List<ScheduleEntry> due(Instant now, int limit) {
        List<ScheduleEntry> due = new ArrayList<>();
        for (KeyValue<String, String> hit : index.due(now, limit)) {
            ScheduleEntry entry = entries.get(hit.value);
            if (entry != null && entry.deleted() && DueIndex.key(entry.forgetAt(), hit.value).equals(hit.key)) {
                log.debug("jobId={} deleted incarnation {} forgotten", hit.value, entry.job().incarnation());
                index.remove(hit.key);
                entries.delete(hit.value);
                continue;
            }
            if (entry == null || entry.nextFireAt() == null || !entry.firing()
                    || !DueIndex.key(entry.nextFireAt(), hit.value).equals(hit.key)) {
                log.warn("jobId={} dropping stale due-index key {}", hit.value, hit.key);
                index.remove(hit.key);
                continue;
            }
            due.add(entry);
        }
        return due;
    }

    /** Every entry the last {@link #due} returned is handled: the next scan starts after them. */
    void dueHandled() {
        index.handled();
    }

    /**
     * Records schedule times up to {@code handled} as handled and indexes the first time after {@code after}.
     *
     * @param handled  the latest schedule time handled now; null if none
     * @param queuedAt the fire waiting for the in-flight run afterwards; null if none
     */
    ScheduleEntry moveOn(ScheduleEntry entry, Instant handled, Instant after, Instant queuedAt) {
        Instant last = latest(entry.lastScheduledAt(), handled);
        ScheduleEntry moved = new ScheduleEntry(entry.job(), next(entry.job(), after), last, queuedAt);
        save(entry, moved);
        return moved;
    }

    /** Same entry with another queued fire. */
    ScheduleEntry queue(ScheduleEntry entry, Instant queuedAt) {
        ScheduleEntry queued = entry.withQueued(queuedAt);
        save(entry, queued);
        return queued;
    }

    /** The job's first schedule time strictly after {@code after}; null if none (or it cannot be computed). */
    Instant next(JobState job, Instant after) {
        try {
            return calculator.nextAfter(job.spec(), job.createdAt(), after).orElse(null);
        } catch (FirelaneException | IllegalArgumentException e) {
            // validated upstream; if it still cannot be computed, the job is not scheduled at all
            log.warn("jobId={} cannot compute next fire: {}", job.jobId(), e.getMessage());
            return null;
        }
    }

    /** The job's schedule as a function, for the misfire planner. */
    MisfirePlanner.Times times(JobState job) {
        return after -> Optional.ofNullable(next(job, after));
    }

    private Instant nextOnApply(ScheduleEntry old, JobState state, Instant now, boolean resumed) {
        if (old != null && old.nextFireAt() != null && sameSchedule(old.job(), state)) {
            // a redelivery must not move a pending (possibly overdue) time past now
            return old.nextFireAt();
        }
        Instant last = old == null ? null : old.lastScheduledAt();
        if (!resumed && state.spec().scheduleKind() == ScheduleKind.AT) {
            // an instant not yet fired is due, even if already past (then the misfire policy decides)
            return next(state, last == null ? Instant.MIN : last);
        }
        // a resume's missed times are handled at once by the caller, per the misfire policy
        return next(state, latest(last, now));
    }

    /**
     * Whether {@code state} makes the job of {@code old} fire again after it was paused, failed or held. An
     * active state of another incarnation (its predecessor's tombstone compacted away, or written before
     * incarnations existed: another creation time) is a new job, not a resume: the old incarnation's missed
     * times are not the new one's.
     */
    private static boolean resumes(ScheduleEntry old, JobState state) {
        return old != null && !old.firing() && state.status() == JobStatus.ACTIVE
                && old.job().incarnation() == state.incarnation()
                && (!old.held() || old.job().createdAt().equals(state.createdAt()));
    }

    /** Same job, same generation, same schedule inputs: nothing an operator changed. */
    private static boolean sameSchedule(JobState a, JobState b) {
        return a.status() == JobStatus.ACTIVE && b.status() == JobStatus.ACTIVE
                && a.generation() == b.generation()
                && a.createdAt().equals(b.createdAt())
                && a.spec().scheduleKind() == b.spec().scheduleKind()
                && Objects.equals(a.spec().schedule(), b.spec().schedule())
                && Objects.equals(a.spec().timeZone(), b.spec().timeZone())
                && Objects.equals(a.spec().notBefore(), b.spec().notBefore())
                && Objects.equals(a.spec().notAfter(), b.spec().notAfter())
                && a.spec().misfire() == b.spec().misfire();
    }

    /** Records the trigger of {@code requestedAt} as had (see {@link ScheduleEntry#isNewTrigger}). */
    ScheduleEntry triggerHad(ScheduleEntry entry, Instant requestedAt) {
        ScheduleEntry had = entry.withLastTrigger(requestedAt);
        save(entry, had);
        return had;
    }

    /**
     * Stores {@code entry} in place of {@code old}, keeping the index in step and the last trigger and the latest hold
     * carried over.
     */
    private void save(ScheduleEntry old, ScheduleEntry entry) {
        if (old != null && entry.lastTriggerAt() == null && old.lastTriggerAt() != null) {
            entry = entry.withLastTrigger(old.lastTriggerAt());
        }
        if (old != null && old.lastHoldAt() != null && !entry.deleted()
                && (entry.lastHoldAt() == null || old.lastHoldAt().isAfter(entry.lastHoldAt()))) {
            entry = entry.withLastHold(old.lastHoldAt());
        }
        if (old != null && old.indexedAt() != null && !old.indexedAt().equals(entry.indexedAt())) {
            index.remove(old.indexedAt(), old.jobId());
        }
        if (entry.indexedAt() != null) {
            index.add(entry.indexedAt(), entry.jobId());
        }
        entries.put(entry.jobId(), entry);
    }

    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
