package dev.firelane.coordinator.status;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Schedules;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one control command to a batch and records it, with its result, in {@code job_commands}. A
 * command is a barrier for its job: the job's activity before it is written before it.
 */
final class CommandApplier {
    private static final Logger log = LoggerFactory.getLogger(CommandApplier.class);

    private final Clock clock;
    private final NextFire nextFire;
    private final JobSpecValidator validator;

    CommandApplier(Clock clock, NextFire nextFire, JobSpecValidator validator) {
        this.clock = clock;
        this.nextFire = nextFire;
        this.validator = validator;
    }

    void apply(ControlCommand command, Batch batch) {
        if (command.commandId().isEmpty() || command.commandId().length() > Columns.COMMAND_ID) {
            throw new UnappliableEventException("commandId must have 1 to " + Columns.COMMAND_ID + " characters; got "
                    + command.commandId().length());
        }
        JobModel job = batch.job(command.jobId());
        CommandRow recorded = batch.recorded(command.commandId());
        if (recorded != null) {
            log.info("{} {} {} already recorded as {}; not applied again", command.jobId(), command.kind(),
                    command.commandId(), recorded.result());
            placeAsRecorded(recorded, batch);
            // the first delivery may have committed and died before its job-state record was produced
            if (recorded.isApplied() && changesState(command) && job.exists()) {
                batch.publish(current(job.row()));
            } else if (recorded.isApplied() && command instanceof ControlCommand.Trigger trigger && existing(job) != null) {
                // the fire topology fires a trigger once, by its command id, however often it reads it
                batch.publish(Publication.of(job.row().toState().withTrigger(accepted(trigger))));
            }
            return;
        }
        Verdict verdict = decide(command, job, batch);
        CommandPlacement place = batch.proposedPlace(command.commandId());
        batch.record(new CommandRow(command.commandId(), command.jobId(), command.kind(), command.requestedBy(),
                command.requestedAt(), command.reason(), clock.instant(),
                verdict.applied() ? CommandRow.APPLIED : CommandRow.REJECTED, verdict.reason(),
                place == null ? null : known(place.firesOffset()), place == null ? null : known(place.runsOffset())));
        if (place != null) {
            batch.placed(place);
        }
        log.info("{} {} {} {}{}", command.jobId(), command.kind(), command.commandId(),
                verdict.applied() ? CommandRow.APPLIED : CommandRow.REJECTED,
                verdict.reason() == null ? "" : ": " + verdict.reason());
        if (verdict.publication() != null) {
            batch.publish(verdict.publication());
        }
    }

    /**
     * A command applied before keeps the place it was applied at, recorded with it: a batch applied again after a
     * crash is read by a stream that may have read further, and its own positions would place the command after
     * records the database saw after it.
     */
    private static void placeAsRecorded(CommandRow recorded, Batch batch) {
        CommandPlacement now = batch.proposedPlace(recorded.commandId());
        if (now != null && (recorded.firesOffset() != null || recorded.runsOffset() != null)) {
            batch.placed(new CommandPlacement(now.commandId(), now.partition(), now.controlOffset(),
                    orUnknown(recorded.firesOffset()), orUnknown(recorded.runsOffset()), recorded.appliedAt()));
        }
    }

    private static Long known(long offset) {
        return offset == CommandPlacement.UNKNOWN ? null : offset;
    }

    private static long orUnknown(Long offset) {
        return offset == null ? CommandPlacement.UNKNOWN : offset;
    }

    private Verdict decide(ControlCommand command, JobModel job, Batch batch) {
        if (command instanceof ControlCommand.Create create) {
            return create(create, job);
        }
        if (command instanceof ControlCommand.Update update) {
            return update(update, job);
        }
        JobRow row = existing(job);
        if (row == null) {
            return Verdict.rejected(doesNotExist(command.jobId()));
        }
        Instant at = Columns.millis(command.requestedAt());
        if (command instanceof ControlCommand.Pause) {
            return transition(Transitions.PAUSE, job, new JobWrite.Pause(row.id(), at),
                    row.transitioned(JobStatus.PAUSED, null, at));
        }
        if (command instanceof ControlCommand.Resume) {
            Instant next = Columns.millis(nextFire.after(row.spec(), row.createdAt(), at));
            Verdict resumed = transition(Transitions.RESUME, job, new JobWrite.Resume(row.id(), at, next),
                    row.resumed(next, at));
            return resumed.applied() && resumed.reason() == null && ranItsTime(row) ? completeOnResume(job, at) : resumed;
        }
        if (command instanceof ControlCommand.Delete) {
            job.write(new JobWrite.Delete(row.id(), at), row.transitioned(JobStatus.DELETED, null, at));
            return Verdict.applied(Publication.tombstone(row.id()));
        }
        if (command instanceof ControlCommand.Trigger trigger) {
            // decided here, once, against the applied state; the fire topology fires what job-state says was accepted
            return row.jobStatus() == JobStatus.ACTIVE
                    ? Verdict.applied(Publication.of(row.toState().withTrigger(accepted(trigger))))
                    : Verdict.rejected("cannot trigger a " + row.status() + " job");
        }
        if (command instanceof ControlCommand.Cancel cancel) {
            return cancel(cancel, row, batch);
        }
        throw new UnappliableEventException("unknown command kind " + command.kind());
    }

    private Verdict create(ControlCommand.Create c, JobModel job) {
        String invalid = invalidSpec(c.jobId(), c.spec());
        if (invalid != null) {
            return Verdict.rejected(invalid);
        }
        if (existing(job) != null) {
            return Verdict.rejected("job " + c.jobId() + " already exists");
        }
        // a deleted job's row is kept until its id is created again: the new row is its next incarnation, so that
        // the old incarnation's fires, still running or redelivered, never count for the new job
        long incarnation = 1;
        if (job.exists()) {
            incarnation = job.row().incarnation() + 1;
            job.write(new JobWrite.DeleteTombstone(c.jobId()), null);
        }
        JobStatus status = c.paused() ? JobStatus.PAUSED : JobStatus.ACTIVE;
        Instant createdAt = Columns.millis(c.requestedAt());
        Instant next = status == JobStatus.ACTIVE ? nextFire.after(c.spec(), createdAt, createdAt) : null;
        JobRow row = JobRow.created(c.spec(), status, createdAt, next, incarnation);
        job.write(new JobWrite.Insert(row), row);
        return Verdict.applied(current(row));
    }

    private Verdict update(ControlCommand.Update u, JobModel job) {
        String invalid = invalidSpec(u.jobId(), u.spec());
        if (invalid != null) {
            return Verdict.rejected(invalid);
        }
        JobRow row = existing(job);
        if (row == null) {
            return Verdict.rejected(doesNotExist(u.jobId()));
        }
        Instant at = Columns.millis(u.requestedAt());
        Instant next = row.jobStatus() == JobStatus.ACTIVE ? nextFire.after(u.spec(), row.createdAt(), at) : row.nextFireAt();
        JobRow after = row.updated(u.spec(), Columns.millis(next), at);
        job.write(new JobWrite.UpdateSpec(row.withSpec(u.spec(), next, at)), after);
        return Verdict.applied(current(after));
    }

    private static Verdict cancel(ControlCommand.Cancel c, JobRow row, Batch batch) {
        Optional<FireIdParts> fire = FireIdParts.parse(c.fireId());
        if (fire.isEmpty() || !fire.get().jobId().equals(row.id())) {
            return Verdict.rejected("fire " + c.fireId() + " does not belong to job " + row.id());
        }
        if (!row.isIncarnation(fire.get().incarnation())) {
            return Verdict.rejected("fire " + c.fireId() + " belongs to incarnation " + fire.get().incarnation()
                    + " of job " + row.id() + ", deleted; the job is now incarnation " + row.incarnation());
        }
        RunModel run = batch.run(c.fireId());
        if (run.isFinished()) {
            return Verdict.rejected("fire " + c.fireId() + " already finished (" + run.row().outcome() + ")");
        }
        return Verdict.applied(null);
    }

    /**
     * An {@code at} job whose fire for its time ran and succeeded: a completion applied while the job was paused
     * leaves it paused (the pause sticks), so its resume is where it completes, instead of waiting, active, for a
     * time that has passed.
     */
    private static boolean ranItsTime(JobRow row) {
        if (row.spec().scheduleKind() != ScheduleKind.AT || !RunOutcome.OK.wire().equals(row.lastRunStatus())) {
            return false;
        }
        Instant time = Columns.millis(Schedules.parseAt(row.schedule()));
        return FireIdParts.parse(row.lastFireId())
                .map(fire -> row.isIncarnation(fire.incarnation()) && fire.scheduledAt().equals(time)).orElse(false);
    }

    private static Verdict completeOnResume(JobModel job, Instant at) {
        JobRow active = job.row();
        job.write(new JobWrite.Complete(active.id(), at), active.transitioned(JobStatus.COMPLETED, null, at));
        return new Verdict(true, "completed: its run at " + active.schedule() + " had already succeeded",
                current(job.row()));
    }

    private static Verdict transition(Transitions transition, JobModel job, JobWrite write, JobRow after) {
        JobStatus status = job.row().jobStatus();
        if (transition.isNoOp(status)) {
            return Verdict.noOp("already " + status.wire());
        }
        if (!transition.allowedFrom(status)) {
            return Verdict.rejected(transition.refusal(status));
        }
        job.write(write, after);
        return Verdict.applied(current(after));
    }

    private String invalidSpec(String jobId, JobSpec spec) {
        try {
            JobSpecValidator.checkId(jobId);
            if (!jobId.equals(spec.id())) {
                return "spec id '" + spec.id() + "' does not match job id '" + jobId + "'";
            }
            validator.validate(spec);
            if (spec.schedule().length() > Columns.SCHEDULE) {
                return "schedule: is longer than " + Columns.SCHEDULE + " characters";
            }
            return null;
        } catch (InvalidFieldException e) {
            return e.getMessage();
        }
    }

    private static JobState.Trigger accepted(ControlCommand.Trigger trigger) {
        return new JobState.Trigger(trigger.commandId(), Columns.millis(trigger.requestedAt()));
    }

    private static boolean changesState(ControlCommand command) {
        return !(command instanceof ControlCommand.Trigger) && !(command instanceof ControlCommand.Cancel);
    }

    /** What job-state carries for a row: its state, or a tombstone for a deleted job. */
    private static Publication current(JobRow row) {
        return row.isDeleted() ? Publication.tombstone(row.id()) : Publication.of(row.toState());
    }

    private static JobRow existing(JobModel job) {
        return job.exists() && !job.row().isDeleted() ? job.row() : null;
    }

    private static String doesNotExist(String jobId) {
        return "job " + jobId + " does not exist";
    }

    /** The result of deciding a command; {@code publication} null when job-state does not change. */
    private record Verdict(boolean applied, String reason, Publication publication) {
        static Verdict applied(Publication publication) {
            return new Verdict(true, null, publication);
        }

        static Verdict noOp(String reason) {
            return new Verdict(true, reason, null);
        }

        static Verdict rejected(String reason) {
            return new Verdict(false, reason, null);
        }
    }
}
