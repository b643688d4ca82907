package dev.firelane.coordinator.status;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies one control command and records it, with its result, in {@code job_commands}. */
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

    Optional<Publication> apply(ControlCommand command, Mappers m) {
        if (command.commandId().isEmpty() || command.commandId().length() > Columns.COMMAND_ID) {
            throw new UnappliableEventException("commandId must have 1 to " + Columns.COMMAND_ID + " characters; got "
                    + command.commandId().length());
        }
        CommandRow recorded = m.commands().find(command.commandId());
        if (recorded != null) {
            log.info("{} {} {} already recorded as {}; not applied again", command.jobId(), command.kind(),
                    command.commandId(), recorded.result());
            // the first delivery may have committed and died before its job-state record was produced
            return recorded.isApplied() && changesState(command) ? currentState(command.jobId(), m) : Optional.empty();
        }
        Verdict verdict = decide(command, m);
        m.commands().insert(new CommandRow(command.commandId(), command.jobId(), command.kind(), command.requestedBy(),
                command.requestedAt(), command.reason(), clock.instant(),
                verdict.applied() ? CommandRow.APPLIED : CommandRow.REJECTED, verdict.reason()));
        log.info("{} {} {} {}{}", command.jobId(), command.kind(), command.commandId(),
                verdict.applied() ? CommandRow.APPLIED : CommandRow.REJECTED,
                verdict.reason() == null ? "" : ": " + verdict.reason());
        return Optional.ofNullable(verdict.publication());
    }

    private Verdict decide(ControlCommand command, Mappers m) {
        if (command instanceof ControlCommand.Create create) {
            return create(create, m);
        }
        if (command instanceof ControlCommand.Update update) {
            return update(update, m);
        }
        JobRow row = existing(command.jobId(), m);
        if (row == null) {
            return Verdict.rejected(doesNotExist(command.jobId()));
        }
        Instant at = Columns.millis(command.requestedAt());
        if (command instanceof ControlCommand.Pause) {
            return transition(Transitions.PAUSE, row, () -> m.jobs().pause(row.id(), at), m);
        }
        if (command instanceof ControlCommand.Resume) {
            Instant next = nextFire.after(row.spec(), row.createdAt(), at);
            return transition(Transitions.RESUME, row, () -> m.jobs().resume(row.id(), at, next), m);
        }
        if (command instanceof ControlCommand.Delete) {
            return m.jobs().delete(row.id(), at) == 1
                    ? Verdict.applied(Publication.tombstone(row.id()))
                    : Verdict.rejected(doesNotExist(row.id()));
        }
        if (command instanceof ControlCommand.Trigger) {
            return row.jobStatus() == JobStatus.ACTIVE
                    ? Verdict.applied(null)
                    : Verdict.rejected("cannot trigger a " + row.status() + " job");
        }
        if (command instanceof ControlCommand.Cancel cancel) {
            return cancel(cancel, row, m);
        }
        throw new UnappliableEventException("unknown command kind " + command.kind());
    }

    private Verdict create(ControlCommand.Create c, Mappers m) {
        String invalid = invalidSpec(c.jobId(), c.spec());
        if (invalid != null) {
            return Verdict.rejected(invalid);
        }
        JobRow row = m.jobs().find(c.jobId());
        if (row != null && !row.isDeleted()) {
            return Verdict.rejected("job " + c.jobId() + " already exists");
        }
        if (row != null) {
            m.jobs().deleteTombstone(c.jobId());
        }
        JobStatus status = c.paused() ? JobStatus.PAUSED : JobStatus.ACTIVE;
        Instant createdAt = Columns.millis(c.requestedAt());
        Instant next = status == JobStatus.ACTIVE ? nextFire.after(c.spec(), createdAt, createdAt) : null;
        m.jobs().insert(JobRow.created(c.spec(), status, createdAt, next));
        return Verdict.applied(readBack(c.jobId(), m));
    }

    private Verdict update(ControlCommand.Update u, Mappers m) {
        String invalid = invalidSpec(u.jobId(), u.spec());
        if (invalid != null) {
            return Verdict.rejected(invalid);
        }
        JobRow row = existing(u.jobId(), m);
        if (row == null) {
            return Verdict.rejected(doesNotExist(u.jobId()));
        }
        Instant at = Columns.millis(u.requestedAt());
        Instant next = row.jobStatus() == JobStatus.ACTIVE ? nextFire.after(u.spec(), row.createdAt(), at) : row.nextFireAt();
        if (m.jobs().updateSpec(row.withSpec(u.spec(), next, at)) == 0) {
            return Verdict.rejected(doesNotExist(u.jobId()));
        }
        return Verdict.applied(readBack(u.jobId(), m));
    }

    private Verdict cancel(ControlCommand.Cancel c, JobRow row, Mappers m) {
        Optional<FireIdParts> fire = FireIdParts.parse(c.fireId());
        if (fire.isEmpty() || !fire.get().jobId().equals(row.id())) {
            return Verdict.rejected("fire " + c.fireId() + " does not belong to job " + row.id());
        }
        RunRow run = m.runs().find(c.fireId());
        if (run != null && run.finishedAt() != null) {
            return Verdict.rejected("fire " + c.fireId() + " already finished (" + run.outcome() + ")");
        }
        return Verdict.applied(null);
    }

    private Verdict transition(Transitions transition, JobRow row, IntSupplier guardedUpdate, Mappers m) {
        JobStatus status = row.jobStatus();
        if (transition.isNoOp(status)) {
            return Verdict.noOp("already " + status.wire());
        }
        if (!transition.allowedFrom(status)) {
            return Verdict.rejected(transition.refusal(status));
        }
        if (guardedUpdate.getAsInt() == 0) {
            // the SQL guard and the code disagree: only possible if another writer touched the row
            return Verdict.rejected("job " + row.id() + " changed while the command was applied");
        }
        return Verdict.applied(readBack(row.id(), m));
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

    private static boolean changesState(ControlCommand command) {
        return !(command instanceof ControlCommand.Trigger) && !(command instanceof ControlCommand.Cancel);
    }

    private static Optional<Publication> currentState(String jobId, Mappers m) {
        JobRow row = m.jobs().find(jobId);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(row.isDeleted() ? Publication.tombstone(jobId) : Publication.of(row.toState()));
    }

    private static JobRow existing(String jobId, Mappers m) {
        JobRow row = m.jobs().find(jobId);
        return row == null || row.isDeleted() ? null : row;
    }

    private static Publication readBack(String jobId, Mappers m) {
        return Publication.of(m.jobs().find(jobId).toState());
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
