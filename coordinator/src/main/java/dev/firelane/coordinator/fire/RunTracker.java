package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows fires after they are emitted: run events from workers keep them alive, end them or schedule
 * their retry, and punctuations mark those no worker reports any more {@code abandoned} (a
 * {@code Completed} the coordinator publishes on {@code runs} itself) and fire due retries.
 */
final class RunTracker {
    /** The worker id of an abandoned fire that no worker ever reported. */
    static final String NO_WORKER = "(none)";
    private static final Logger log = LoggerFactory.getLogger(RunTracker.class);
    /** How soon an unreported fire is looked at again while the task reads its backlog of runs. */
    static final Duration JUDGE_AGAIN_AFTER = Duration.ofSeconds(1);

    private final FireTopologyConfig config;
    private final ScheduleBook book;
    private final InFlightBook inFlight;
    private final FireEmitter emitter;
    private final Liveness liveness;
    private final Consumer<RunEvent> runsOut;
    private final RunsProgress runsProgress;

    RunTracker(FireTopologyConfig config, ScheduleBook book, InFlightBook inFlight, FireEmitter emitter,
               Consumer<RunEvent> runsOut, RunsProgress runsProgress) {
        this.config = config;
        this.runsProgress = runsProgress;
        this.book = book;
        this.inFlight = inFlight;
        this.emitter = emitter;
        this.liveness = Liveness.of(config);
        this.runsOut = runsOut;
    }

    /** Applies a run event; one about an attempt that is not the running one (stale, duplicate) is ignored. */
    void onRunEvent(RunEvent event, Instant now) {
        Optional<InFlight> running = inFlight.get(InFlight.keyOfFireId(event.fireId()))
                .filter(r -> r.phase() == InFlight.Phase.RUNNING)
                .filter(r -> r.fireId().equals(event.fireId()) && r.jobId().equals(event.jobId()));
        if (running.isEmpty()) {
            log.debug("fireId={} jobId={} {} ignored: not a running attempt", event.fireId(), event.jobId(),
                    event.getClass().getSimpleName());
            return;
        }
        if (event instanceof RunEvent.Started started) {
            seen(running.get(), started.workerId(), started.startedAt(), now);
        } else if (event instanceof RunEvent.Heartbeat heartbeat) {
            seen(running.get(), heartbeat.workerId(), heartbeat.at(), now);
        } else if (event instanceof RunEvent.Completed completed) {
            completed(running.get(), completed, now);
        }
    }

    /**
     * The entry of the record's job if it is active and still the incarnation the record was fired for: a job
     * deleted and created again is a new job, which never retries the old one's fires.
     */
    private Optional<ScheduleEntry> activeIncarnation(InFlight record) {
        return book.active(record.jobId()).filter(entry -> entry.job().incarnation() == record.incarnation());
    }

    /** Abandons a running attempt no longer reported, or fires a retry that is due. */
    void wake(InFlight record, Instant now) {
        if (record.phase() == InFlight.Phase.RUNNING) {
            Instant expiry = liveness.expiry(record);
            if (expiry.isAfter(now)) {
                inFlight.put(record.wakingAt(expiry)); // heartbeats came meanwhile
            } else if (!runsProgress.mayJudge(reportDue(record, expiry), now, config.startupReadGrace())) {
                // its report may wait in the unread backlog of runs: look again once more of it is read
                inFlight.put(record.wakingAt(now.plus(JUDGE_AGAIN_AFTER)));
                log.debug("fireId={} jobId={} unreported since {}, but runs is not read that far yet", record.fireId(),
                        record.jobId(), expiry);
            } else {
                abandon(record, now);
            }
            return;
        }
        var active = activeIncarnation(record);
        if (active.isEmpty()) {
            inFlight.remove(record);
            log.info("fireId={} jobId={} retry dropped: the job is no longer active", record.fireId(), record.jobId());
            return;
        }
        log.info("fireId={} jobId={} retrying scheduledAt={} attempt={}", record.fireId(), record.jobId(),
                record.scheduledAt(), record.attempt());
        JobState job = active.get().job();
        emitter.emit(job, record.scheduledAt(), record.attempt(), record.attemptsAllowed(job), now);
    }

    /**
     * A worker reports the run. Only a first report, or one that brings the expiry earlier (a first heartbeat
     * timeout shorter than the TTL), moves the index; later heartbeats only note the time, and the punctuation
     * that finds the record looks at it again (one store write per heartbeat, not three).
     */
    private void seen(InFlight record, String workerId, Instant reportedStart, Instant now) {
        InFlight updated = record.seen(workerId, reportedStart, now);
        Instant expiry = liveness.expiry(updated);
        inFlight.put(expiry.isBefore(record.wakeAt()) ? updated.wakingAt(expiry) : updated);
    }

    /**
     * When the report that would have kept {@code record} alive was due: its expiry, except for a fire never reported,
     * whose wake time moves while the task reads its backlog; its due time is its TTL from when it was emitted.
     */
    private Instant reportDue(InFlight record, Instant expiry) {
        return (record.started() && record.lastSeenAt() != null) || record.firedAt() == null ? expiry
                : liveness.unreported(record.firedAt(), record.deadline());
    }

    private void abandon(InFlight record, Instant now) {
        String why = record.started()
                ? "no heartbeat from worker " + record.workerId() + " since " + record.lastSeenAt() + " (heartbeat timeout "
                        + liveness.heartbeatTimeout() + deadlineNote(record) + ")"
                : "no worker reported it by " + reportDue(record, record.wakeAt()) + " (fired at " + record.firedAt() + deadlineNote(record) + ")";
        Instant startedAt = record.startedAt() != null ? record.startedAt()
                : record.firedAt() != null ? record.firedAt() : now;
        RunEvent.Completed abandoned = new RunEvent.Completed(record.fireId(), record.jobId(),
                record.workerId() != null ? record.workerId() : NO_WORKER, record.attempt(), record.scheduledAt(),
                startedAt, now, RunOutcome.ABANDONED, "abandoned: " + why, null, record.maxAttempts());
        log.warn("fireId={} jobId={} abandoned: {}", record.fireId(), record.jobId(), why);
        runsOut.accept(abandoned);
        completed(record, abandoned, now);
    }

    private static String deadlineNote(InFlight record) {
        return record.deadline() == null ? "" : ", deadline " + record.deadline();
    }

    /**
     * Ends an attempt, or retries it: a failed attempt below the fire's own attempt limit (fixed when it first
     * fired, the limit the status stream reads in the completion) is retried while the job is active.
     */
    private void completed(InFlight record, RunEvent.Completed completed, Instant now) {
        if (completed.outcome().isFailure()) {
            var active = activeIncarnation(record);
            int maxAttempts = active.map(e -> record.attemptsAllowed(e.job())).orElse(0);
            if (record.attempt() < maxAttempts) {
                Duration delay = config.retryBackoff().delayAfter(record.attempt());
                InFlight retry = record.retryAt(now.plus(delay), maxAttempts);
                inFlight.put(retry);
                log.info("fireId={} jobId={} attempt {} of {} ended {}; retry {} at {} (in {})", record.fireId(),
                        record.jobId(), record.attempt(), maxAttempts, completed.outcome().wire(), retry.fireId(),
                        retry.wakeAt(), delay);
                return;
            }
            log.info("fireId={} jobId={} attempt {} ended {}; no retry ({})", record.fireId(), record.jobId(),
                    record.attempt(), completed.outcome().wire(),
                    active.isEmpty() ? "job not active" : "attempts exhausted");
        }
        inFlight.remove(record);
        emitter.releaseQueued(record.jobId(), now);
    }
}
