package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What the fire topology keeps per job (the {@code schedules} store).
 *
 * @param job             the job as last applied
 * @param nextFireAt      the schedule time it is indexed under; null when not scheduled
 * @param lastScheduledAt the last schedule time handled (fired, queued, skipped for overlap or given up as
 *                        missed); null if none. Persisted (and changelogged) so that no schedule time at or
 *                        before it is ever fired again, and so that a resume knows which times it missed
 * @param queuedAt        the schedule time of the fire waiting for the in-flight run (overlap
 *                        {@code queue}); null if none waits
 * @param heldSince       set while a {@code Pause} or {@code Delete} seen on {@code control} holds the job
 *                        ahead of its {@code job-state} (see {@link Hold}): the latest such command's request
 *                        time, to the millisecond; null when not held (and in entries stored before holds
 *                        existed)
 * @param lastTriggerAt   the request time of the last trigger {@code job-state} brought (fired or not); a trigger
 *                        not after it is the same request read again. Null if none
 * @param forgetAt        set only on the marker a tombstone leaves of a deleted job (its {@code job} the last state
 *                        applied, for the incarnation it deleted): a {@code job-state} record of that incarnation or
 *                        an earlier one is stale, not the job back. The marker is indexed under this time, when it
 *                        is dropped (see {@link ScheduleBook}). Null on every live entry
 * @param lastHoldAt      the request time of the latest {@code Pause} or {@code Delete} that held the job, kept after
 *                        the hold ends (carried over like {@code lastTriggerAt}): an {@code active} state older than it,
 *                        read later (a resume that command superseded), holds the job again. It is the changelogged
 *                        copy of the process's {@link HoldBoard}, so a restart between reading the command and reading
 *                        the states before it does not forget it. Null if none (and in entries stored before it existed)
 */
public record ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt,
                            Instant heldSince, Instant lastTriggerAt, Instant forgetAt, Instant lastHoldAt) {
    public ScheduleEntry {
        Objects.requireNonNull(job, "job");
    }

    /**
     * An entry that remembers only its own hold, if it is held ({@code lastHoldAt} = {@code heldSince}); the book
     * carries a later one over from the entry it replaces.
     */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt,
                         Instant heldSince, Instant lastTriggerAt, Instant forgetAt) {
        this(job, nextFireAt, lastScheduledAt, queuedAt, heldSince, lastTriggerAt, forgetAt, heldSince);
    }

    /** A live entry (not a deleted job's marker). */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt,
                         Instant heldSince, Instant lastTriggerAt) {
        this(job, nextFireAt, lastScheduledAt, queuedAt, heldSince, lastTriggerAt, null);
    }

    /** The marker a tombstone leaves of the job of {@code deleted}, dropped at {@code forgetAt}. */
    static ScheduleEntry deletedMarker(ScheduleEntry deleted, Instant forgetAt) {
        return new ScheduleEntry(deleted.job(), null, null, null, null, null, forgetAt);
    }

    /** An entry with no trigger yet (the book carries the last trigger over from the entry it replaces). */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt,
                         Instant heldSince) {
        this(job, nextFireAt, lastScheduledAt, queuedAt, heldSince, null);
    }

    /** An entry that is not held. */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt, Instant queuedAt) {
        this(job, nextFireAt, lastScheduledAt, queuedAt, null);
    }

    /** An entry with no queued fire, not held. */
    public ScheduleEntry(JobState job, Instant nextFireAt, Instant lastScheduledAt) {
        this(job, nextFireAt, lastScheduledAt, null, null);
    }

    public String jobId() {
        return job.jobId();
    }

    /** Whether {@code scheduledAt} is after the last handled schedule time. */
    public boolean isNew(Instant scheduledAt) {
        return lastScheduledAt == null || scheduledAt.isAfter(lastScheduledAt);
    }

    /** Whether a pause or delete seen on {@code control} holds the job. */
    public boolean held() {
        return heldSince != null;
    }

    /** Whether the job may fire: active as last applied, not held, and not deleted. */
    public boolean firing() {
        return job.status() == JobStatus.ACTIVE && heldSince == null && forgetAt == null;
    }

    /** Whether this is the marker of a deleted job rather than a job. */
    public boolean deleted() {
        return forgetAt != null;
    }

    /** The time this entry is indexed under: its next fire, or a marker's forget time; null if none. */
    Instant indexedAt() {
        return nextFireAt != null ? nextFireAt : forgetAt;
    }

    ScheduleEntry withQueued(Instant scheduledAt) {
        return new ScheduleEntry(job, nextFireAt, lastScheduledAt, scheduledAt, heldSince, lastTriggerAt, forgetAt,
                lastHoldAt);
    }

    /** Whether a trigger requested at {@code requestedAt} is not one this entry has already had. */
    boolean isNewTrigger(Instant requestedAt) {
        return lastTriggerAt == null || requestedAt.isAfter(lastTriggerAt);
    }

    ScheduleEntry withLastTrigger(Instant requestedAt) {
        return new ScheduleEntry(job, nextFireAt, lastScheduledAt, queuedAt, heldSince, requestedAt, forgetAt,
                lastHoldAt);
    }

    ScheduleEntry withLastHold(Instant holdAt) {
        return new ScheduleEntry(job, nextFireAt, lastScheduledAt, queuedAt, heldSince, lastTriggerAt, forgetAt, holdAt);
    }
}
