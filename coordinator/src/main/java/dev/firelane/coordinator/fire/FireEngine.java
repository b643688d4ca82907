package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The decisions of the fire topology for one stream task, over its stores: what {@code job-state},
 * {@code control} and {@code runs} records change, and what a punctuation fires. See {@link FireTopology}
 * for the policies.
 */
final class FireEngine {
    private static final Logger log = LoggerFactory.getLogger(FireEngine.class);

    private final FireTopologyConfig config;
    private final ScheduleBook book;
    private final InFlightBook inFlight;
    private final FireEmitter emitter;
    private final RunTracker tracker;
    private final RunsProgress runsProgress;
    /** The {@link HoldBoard} version this task has applied; 0 at start, so a new task reads the whole board. */
    private long boardVersion;
    /**
     * This task's first punctuation: from then on the coordinator was up for it, so a schedule time that came due
     * since and is found late was late because the task was busy, not missed (null until the first punctuation).
     */
    private Instant upSince;

    FireEngine(FireTopologyConfig config, ScheduleBook book, InFlightBook inFlight, FireEmitter emitter,
               java.util.function.Consumer<RunEvent> runsOut, RunsProgress runsProgress) {
        this.config = config;
        this.book = book;
        this.inFlight = inFlight;
        this.emitter = emitter;
        this.runsProgress = runsProgress;
        this.tracker = new RunTracker(config, book, inFlight, emitter, runsOut, runsProgress);
    }

    /** A {@code runs} record was read (whatever it says): how far the task has read that topic. */
    void onRunsRecord(long timestampMillis) {
        runsProgress.read(Instant.ofEpochMilli(timestampMillis));
    }

    /**
     * Applies a {@code job-state} record (null: deleted). A job no longer active, or deleted, loses its
     * pending retries and queued fire; its running attempts are still followed until they complete or are
     * abandoned, so that each ends with an outcome. A resumed job gets the catch-up fires its misfire policy
     * asks for, now. A record carrying a trigger the status stream accepted fires it (see {@link #onTrigger}).
     */
    void onJobState(String jobId, JobState state, Instant now) {
        ScheduleBook.Applied applied = book.apply(jobId, state, now);
        if (applied.stale()) {
            return;
        }
        if (state == null || state.status() != JobStatus.ACTIVE) {
            dropPendingRetries(jobId, state == null ? "deleted" : state.status().wire());
        } else if (heldByLaterCommand(jobId, state)) {
            return; // a pause or delete after this state was read already: the job waits for its state
        } else if (applied.resumed()) {
            catchUpAfterResume(applied.before(), applied.after(), now);
        }
        if (state != null && state.trigger() != null) {
            onTrigger(jobId, applied.before() == null, state.trigger(), now);
        }
    }

    /**
     * A {@code Pause} or {@code Delete} read on {@code control}: a job known as active stops firing now,
     * without waiting for its {@code job-state} (see {@link Hold}). Its queued fire and pending retries are
     * dropped as a pause drops them; its running attempts are still followed.
     */
    void onHoldCommand(ControlCommand command) {
        Instant since = Hold.since(command);
        ScheduleEntry entry = book.get(command.jobId()).orElse(null);
        if (!Hold.starts(entry, since)) {
            log.debug("jobId={} commandId={} {} changes nothing here: job unknown, not active or already newer",
                    command.jobId(), command.commandId(), command.kind());
            return;
        }
        ScheduleEntry held = book.hold(entry, since);
        log.info("jobId={} commandId={} {} seen: firing held until job-state applies it (heldSince={}, next fire {}"
                        + " and queued fire {} dropped)", command.jobId(), command.commandId(), command.kind(),
                held.heldSince(), entry.nextFireAt(), entry.queuedAt());
        dropPendingRetries(command.jobId(), "held by " + command.kind() + " commandId=" + command.commandId());
    }

    /**
     * Holds the jobs of this task that the {@link HoldBoard} has new pauses or deletes for, before anything fires:
     * the same rule as a command read by {@link HoldProcessor}, only earlier.
     */
    private void holdFromBoard() {
        HoldBoard board = config.holdBoard();
        if (board.version() == boardVersion) {
            return;
        }
        boardVersion = board.marksAfter(boardVersion, (jobId, since) -> {
            ScheduleEntry entry = book.get(jobId).orElse(null);
            if (Hold.starts(entry, since) && !(entry.held() && !since.isAfter(entry.heldSince()))) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
                    ScheduleEntry held = book.hold(entry, since);
                    log.info("jobId={} pause or delete of {} on the hold board: firing held until job-state applies it"
                            + " (heldSince={})", jobId, since, held.heldSince());
                    dropPendingRetries(jobId, "held from the hold board");
                }
            }
        });
    }

    /**
     * An active state older than the latest pause or delete read of its job (on the {@link HoldBoard}, or remembered
     * in its entry, which survives restarts): the state the status stream published before it applied that command,
     * read late. Holds the job, as the command did when it was read, so that neither the schedule nor a resume's
     * catch-up fires it meanwhile.
     */
    private boolean heldByLaterCommand(String jobId, JobState state) {
        ScheduleEntry entry = book.get(jobId).orElse(null);
        Instant latest = ScheduleBook.latest(config.holdBoard().latestHold(jobId), entry == null ? null : entry.lastHoldAt());
        if (latest == null || entry == null || !Hold.starts(entry, latest) || !latest.isAfter(state.updatedAt())) {
            return false;
        }
        if (!entry.held() || latest.isAfter(entry.heldSince())) {
            book.hold(entry, latest);
            log.info("jobId={} {} state of {} read after a pause or delete of {}: firing held until job-state applies it",
                    jobId, state.status().wire(), state.updatedAt(), latest);
            dropPendingRetries(jobId, "held by a later pause or delete");
        }
        return true;
    }

    private void dropPendingRetries(String jobId, String why) {
        inFlight.ofJob(jobId).stream().filter(r -> r.phase() == InFlight.Phase.RETRY_PENDING).forEach(r -> {
            inFlight.remove(r);
            log.info("fireId={} jobId={} pending retry dropped: job is {}", r.fireId(), jobId, why);
        });
    }

    /**
     * A trigger the status stream accepted (it alone decides, against the applied state): fires the job now under
     * its overlap policy, with the request time as schedule time, unless this topology holds it (a pause or delete
     * that came after the trigger wins) or has had that trigger already (the status stream publishes it again
     * after a crash). A trigger in the first state this task reads of a job is history, not a request: the job's
     * creation was compacted away before this task read it (a new application, or one away longer than
     * {@code job-state} keeps superseded records), so the trigger is far older than any fire it could still ask for.
     */
    private void onTrigger(String jobId, boolean firstSight, JobState.Trigger trigger, Instant now) {
        ScheduleEntry entry = book.get(jobId).orElse(null);
        Instant requestedAt = trigger.requestedAt().truncatedTo(ChronoUnit.MILLIS);
        if (entry == null || !entry.isNewTrigger(requestedAt)) {
            log.debug("jobId={} commandId={} trigger already had", jobId, trigger.commandId());
            return;
        }
        entry = book.triggerHad(entry, requestedAt);
        if (firstSight) {
            log.info("jobId={} commandId={} trigger of {} not fired: it is in the first state read of the job, so it"
                    + " is history (the job's creation was compacted away)", jobId, trigger.commandId(), requestedAt);
            return;
        }
        if (!entry.firing()) {
            log.info("jobId={} commandId={} trigger not fired: the job is {} here", jobId, trigger.commandId(),
                    entry.held() ? "held by a later pause or delete" : entry.job().status().wire());
            return;
        }
        Instant queued = emitter.offer(entry.job(), requestedAt, entry.queuedAt(), now,
                FireEmitter.Cause.trigger(trigger.commandId()));
        if (!Objects.equals(queued, entry.queuedAt())) {
            book.queue(entry, queued);
        }
    }

    void onRunEvent(RunEvent event, Instant now) {
        tracker.onRunEvent(event, now);
    }

    /**
     * Expires in-flight runs and fires due retries, then fires due schedule times. Each of the two index
     * scans visits at most {@code maxFiresPerPunctuation} entries; the rest wait for the next punctuation.
     * With nothing due, this is one short seek in each index (from its {@link ScanFloor}) and nothing else.
     *
     * @return the number of fires emitted
     */
    long punctuate(Instant now) {
        if (upSince == null) {
            upSince = now;
        }
        runsProgress.started(now);
        holdFromBoard();
        long before = emitter.emitted();
        for (InFlight record : inFlight.awake(now, config.maxFiresPerPunctuation())) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", record.jobId())) {
                tracker.wake(record, now);
            }
        }
        inFlight.awakeHandled();
        if (fireDue(now)) {
            book.dueHandled();
        }
        return emitter.emitted() - before;
    }

    /** Fires the due entries; false if the budget ran out before all were handled (the next scan sees them). */
    private boolean fireDue(Instant now) {
        int budget = config.maxFiresPerPunctuation();
        for (ScheduleEntry due : book.due(now, config.maxFiresPerPunctuation())) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", due.jobId())) {
                ScheduleEntry entry = due;
                do {
                    entry = handleDue(entry, now);
                    budget--;
                } while (budget > 0 && entry.nextFireAt() != null && !entry.nextFireAt().isAfter(now));
            }
            if (budget <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Handles the entry's due time (and, if it was missed, every later time up to now). */
    private ScheduleEntry handleDue(ScheduleEntry entry, Instant now) {
        Instant dueAt = entry.nextFireAt();
        if (!entry.isNew(dueAt)) {
            // never fire a schedule time twice, whatever put it back in the index
            log.warn("jobId={} due {} is not after last handled {}; skipped", entry.jobId(), dueAt, entry.lastScheduledAt());
            return book.moveOn(entry, null, ScheduleBook.latest(entry.lastScheduledAt(), now), entry.queuedAt());
        }
        boolean late = MisfirePlanner.isMissed(dueAt, now, config.misfireThreshold());
        if (late && !cameDueWhileUp(entry, dueAt)) {
            return catchUp(entry, dueAt, now, "coordinator was down or failing over");
        }
        if (late) {
            config.metrics().firedLate();
        }
        Instant queued = emitter.offer(entry.job(), dueAt, entry.queuedAt(), now, FireEmitter.Cause.SCHEDULE);
        return book.moveOn(entry, dueAt, dueAt, queued);
    }

    /**
     * Whether {@code dueAt} came due while this task was up (since its first punctuation) and the job existed: a
     * busy coordinator fires such a time late, however late, and never hands it to the misfire policy, which is
     * for downtime (a time before this task's first punctuation: a restart or a failover) and for pauses (applied
     * at the resume). A time already past when the job was created is a missed time too.
     */
    private boolean cameDueWhileUp(ScheduleEntry entry, Instant dueAt) {
        return upSince != null && !dueAt.isBefore(upSince) && !dueAt.isBefore(entry.job().createdAt());
    }

    private void catchUpAfterResume(ScheduleEntry before, ScheduleEntry after, Instant now) {
        JobState job = after.job();
        Instant floor = before.lastScheduledAt();
        if (floor == null) {
            // never fired: an at job's instant counts however old; other schedules start at creation
            floor = job.spec().scheduleKind() == ScheduleKind.AT ? Instant.MIN : job.createdAt();
        }
        Instant firstMissed = book.next(job, floor);
        if (firstMissed != null && !firstMissed.isAfter(now)) {
            catchUp(after, firstMissed, now, "job was paused");
        }
    }

    /** Applies the misfire policy to the schedule times in [firstMissed, now], then moves past now. */
    private ScheduleEntry catchUp(ScheduleEntry entry, Instant firstMissed, Instant now, String why) {
        JobSpec spec = entry.job().spec();
        MisfirePlanner.Plan plan = MisfirePlanner.plan(spec.misfire(), spec.misfireLimit(),
                book.times(entry.job()), firstMissed, now);
        log.info("jobId={} missed schedule times {} to {} ({}); misfire={} fires {}", entry.jobId(), firstMissed,
                plan.lastMissed(), why, spec.misfire().wire(), plan.fires());
        Instant queued = entry.queuedAt();
        for (Instant scheduledAt : plan.fires()) {
            queued = emitter.offer(entry.job(), scheduledAt, queued, now, FireEmitter.Cause.CATCH_UP);
        }
        return book.moveOn(entry, plan.lastMissed(), ScheduleBook.latest(plan.lastMissed(), now), queued);
    }
}
