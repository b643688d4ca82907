package dev.firelane.coordinator.status;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies fires and run events: the run history in {@code job_runs} and the telemetry of {@code jobs}.
 * It changes a job's status only for the stream's own causes (an {@code at} job succeeded, errors reached
 * the limit) and only from {@code active}; a run never writes back a status it read.
 */
final class RunApplier {
    private static final Logger log = LoggerFactory.getLogger(RunApplier.class);

    private final NextFire nextFire;

    RunApplier(NextFire nextFire) {
        this.nextFire = nextFire;
    }

    Optional<Publication> fire(Fire fire, Mappers m) {
        FireIdParts id = checkFireId(fire.fireId(), fire.jobId());
        JobRow job = m.jobs().find(fire.jobId());
        if (job == null) {
            log.warn("{} fire {} for an unknown job: nothing written", fire.jobId(), fire.fireId());
            return Optional.empty();
        }
        ensureRun(fire.fireId(), fire.jobId(), fire.attempt(), fire.scheduledAt(), fire.firedAt(), id, m);
        m.runs().markFired(fire.fireId(), Columns.millis(fire.firedAt()));
        if (job.jobStatus() == JobStatus.ACTIVE && !isOlderThanLastFire(id, job)) {
            Instant next = nextFire.after(job.spec(), job.createdAt(), fire.scheduledAt());
            m.jobs().recordFire(job.id(), fire.fireId(), next);
        }
        return Optional.empty();
    }

    Optional<Publication> run(RunEvent event, Mappers m, ApplyTally tally) {
        FireIdParts id = checkFireId(event.fireId(), event.jobId());
        if (event instanceof RunEvent.Heartbeat) {
            return Optional.empty();
        }
        JobRow job = m.jobs().find(event.jobId());
        if (job == null) {
            log.warn("{} {} of fire {} for an unknown job: nothing written", event.jobId(),
                    event.getClass().getSimpleName(), event.fireId());
            return Optional.empty();
        }
        if (event instanceof RunEvent.Started started) {
            ensureRun(started.fireId(), started.jobId(), started.attempt(), started.scheduledAt(), null, id, m);
            m.runs().markStarted(started.fireId(), Columns.truncate(started.workerId(), Columns.WORKER_ID),
                    Columns.millis(started.startedAt()));
            return Optional.empty();
        }
        if (event instanceof RunEvent.Completed completed) {
            return complete(completed, id, job, m, tally);
        }
        throw new UnappliableEventException("unknown run event " + event.getClass().getSimpleName());
    }

    private Optional<Publication> complete(RunEvent.Completed c, FireIdParts id, JobRow job, Mappers m,
                                           ApplyTally tally) {
        ensureRun(c.fireId(), c.jobId(), c.attempt(), c.scheduledAt(), null, id, m);
        RunRow finished = new RunRow(c.fireId(), c.jobId(), 0, null, null, c.startedAt(), c.finishedAt(), c.workerId(),
                c.outcome().wire(), c.error(), c.deliveryStatus());
        if (m.runs().finish(finished) == 0) {
            log.info("{} completion of {} already applied; not counted again", c.jobId(), c.fireId());
            // the first delivery may have committed and died before its job-state record was produced
            return isStreamCaused(job.jobStatus()) ? Optional.of(Publication.of(job.toState())) : Optional.empty();
        }
        RunOutcome outcome = c.outcome();
        // a failed attempt that will be retried is telemetry only; the fire fails when its attempts are exhausted
        boolean fireFailed = outcome.isFailure() && job.isLastAttempt(c.attempt() >= 1 ? c.attempt() : id.attempt());
        int recorded = m.jobs().recordRun(new RunTelemetry(c.jobId(), c.finishedAt(), outcome.wire(), c.error(),
                c.deliveryStatus(), outcome == RunOutcome.OK, fireFailed));
        if (recorded == 0) {
            log.info("{} completion of {} recorded in the run history only: the job is deleted", c.jobId(), c.fireId());
            return Optional.empty();
        }
        if (job.jobStatus() == JobStatus.PAUSED) {
            log.info("{} completion of {} ({}) recorded; the job stays paused", c.jobId(), c.fireId(), c.outcome().wire());
            tally.pausePreserved();
        }
        Instant at = Columns.millis(c.finishedAt());
        boolean changed = false;
        if (outcome == RunOutcome.OK && job.spec().scheduleKind() == ScheduleKind.AT
                && Transitions.COMPLETE.allowedFrom(job.jobStatus())) {
            changed = m.jobs().complete(job.id(), at) == 1;
        } else if (fireFailed && job.maxErrors() > 0 && Transitions.FAIL.allowedFrom(job.jobStatus())) {
            changed = m.jobs().failOnErrorLimit(job.id(), at) == 1;
        }
        if (!changed) {
            return Optional.empty();
        }
        JobRow after = m.jobs().find(job.id());
        log.info("{} is {} after {} ({})", job.id(), after.status(), c.fireId(), outcome.wire());
        return Optional.of(Publication.of(after.toState()));
    }

    /** The row exists from now on, whichever of fire, start and completion arrived first. */
    private static void ensureRun(String fireId, String jobId, int attempt, Instant scheduledAt, Instant firedAt,
                                  FireIdParts id, Mappers m) {
        m.runs().insertIgnore(RunRow.first(fireId, jobId, attempt >= 1 ? attempt : id.attempt(),
                scheduledAt != null ? scheduledAt : id.scheduledAt(), firedAt));
    }

    /** A fire delivered late must not move the schedule estimate backwards. */
    private static boolean isOlderThanLastFire(FireIdParts fire, JobRow job) {
        return FireIdParts.parse(job.lastFireId()).map(last -> fire.compareTo(last) < 0).orElse(false);
    }

    private static boolean isStreamCaused(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED;
    }

    private static FireIdParts checkFireId(String fireId, String jobId) {
        Optional<FireIdParts> parts = FireIdParts.parse(fireId);
        if (parts.isEmpty() || fireId.length() > Columns.FIRE_ID || !parts.get().jobId().equals(jobId)) {
            throw new UnappliableEventException("fireId '" + Columns.truncate(fireId, Columns.FIRE_ID)
                    + "' is not of the form " + jobId + "@epochMillis[#attempt]");
        }
        return parts.get();
    }
}
