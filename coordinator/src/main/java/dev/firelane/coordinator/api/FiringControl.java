package dev.firelane.coordinator.api;

import dev.firelane.protocol.ControlCommand;

/**
 * The second half of "the pause is effective": whether the fire topology has stopped firing the job of a
 * {@link ControlCommand.Pause} or {@link ControlCommand.Delete}. The first half is the status stream having
 * applied it to the database.
 */
@FunctionalInterface
public interface FiringControl {
    /** Nothing to ask (no fire topology in this process): a command applied to the database is effective. */
    FiringControl NOT_TRACKED = command -> true;

    /** Whether firing has stopped per {@code command}, as far as this process can tell. */
    boolean hasStopped(ControlCommand command);
}
