package dev.firelane.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the status stream applied a control command among the run history of its partition number: the value of
 * the {@code applied} topic, keyed by the command's job id (so it lands on the command's partition number).
 *
 * <p>The status stream applies a command once every record before it (by timestamp) on {@code fires} and
 * {@code runs} is read, or once those partitions are read to their end. A record stamped earlier can still appear
 * later: a fire in a fire-topology transaction that commits after the command was applied, or a completion a
 * worker's producer was still retrying. Live, such a record was applied after the command; replay, which sees
 * every record at once, would put it before. So the status stream records, for each command, how far it had read
 * {@code fires} and {@code runs} when it applied it, and replay applies every record at or past those offsets
 * after the command: replay then takes the order the live stream took.
 *
 * @param firesOffset the first offset of {@code fires} not read when the command was applied (-1: unknown)
 * @param runsOffset  the same for {@code runs}
 */
public record CommandPlacement(String commandId, int partition, long controlOffset, long firesOffset, long runsOffset,
                               Instant appliedAt) {
    /** An offset the status stream did not know (it held no position on that partition). */
    public static final long UNKNOWN = -1;

    public CommandPlacement {
        Objects.requireNonNull(appliedAt, "appliedAt");
        if (partition < 0 || controlOffset < 0) {
            throw new IllegalArgumentException("a placement needs the command's partition and offset, got "
                    + partition + "@" + controlOffset);
        }
    }

    /**
     * Whether the record at {@code offset} of the topic {@code baseName} ({@code fires} or {@code runs}) was read
     * only after the command was applied, so it comes after the command whatever its timestamp.
     */
    public boolean placesAfter(String baseName, long offset) {
        long readEnd = baseName.equals(Topics.FIRES.baseName()) ? firesOffset
                : baseName.equals(Topics.RUNS.baseName()) ? runsOffset : UNKNOWN;
        return readEnd != UNKNOWN && offset >= readEnd;
    }
}
