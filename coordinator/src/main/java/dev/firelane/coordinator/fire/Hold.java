package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Pure rules of the pause fast path: when a {@code Pause} or {@code Delete} read on {@code control} holds a
 * job's firing before the status stream has applied it, and when {@code job-state} ends the hold.
 *
 * <p>Times compare at the millisecond: {@code job-state} carries {@code updatedAt} = the request time of the
 * command that produced it, truncated to the millisecond by the database.
 * <ul>
 *   <li>A hold starts for a job known as active whose known state is not newer than the command; a command
 *       older than the state already applied (a replayed or late pause, superseded by a later resume) changes
 *       nothing. A job unknown, or known as not active, is not held: nothing of it fires anyway.</li>
 *   <li>A further hold command while held moves {@code heldSince} to the latest one.</li>
 *   <li>An {@code active} state not newer than {@code heldSince} (applied before the pause, e.g. an update)
 *       keeps the hold. Any other state ends it: a status other than active, or a tombstone, is the pause or
 *       delete applied; an active state newer than the hold is a later command (a resume) that superseded
 *       it.</li>
 * </ul>
 */
final class Hold {
    private Hold() {
    }

    /** Whether the command is one that holds: {@code Pause} or {@code Delete}. */
    static boolean isHoldCommand(ControlCommand command) {
        return command instanceof ControlCommand.Pause || command instanceof ControlCommand.Delete;
    }

    /** The hold time of a command: its request time, to the millisecond. */
    static Instant since(ControlCommand command) {
        return command.requestedAt().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Whether a hold command of time {@code since} holds the job of {@code entry} (null: unknown): known as
     * active, and its known state not newer than the command.
     */
    static boolean starts(ScheduleEntry entry, Instant since) {
        return entry != null && entry.job().status() == JobStatus.ACTIVE && !entry.job().updatedAt().isAfter(since);
    }

    /** The hold time after a hold command of time {@code since}: the latest of the entry's and the command's. */
    static Instant heldSince(ScheduleEntry entry, Instant since) {
        return entry.heldSince() != null && entry.heldSince().isAfter(since) ? entry.heldSince() : since;
    }

    /** Whether {@code state} (null: tombstone) leaves the held {@code entry} held. */
    static boolean keeps(ScheduleEntry entry, JobState state) {
        return entry.held() && state != null && state.status() == JobStatus.ACTIVE
                && !state.updatedAt().isAfter(entry.heldSince());
    }
}
