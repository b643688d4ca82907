package dev.firelane.coordinator.replay;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import java.util.List;

/**
 * The order in which the status stream applied the co-partitioned partitions of {@code control}, {@code fires}
 * and {@code runs} (its {@code ApplyWindow}): a merge that always takes the head record that comes first by
 * (order time, topic, offset), where a record's order time is the largest timestamp of its partition up to it, and
 * the topics rank control, fires, runs. A record that cannot be deserialized is taken (to the dlq) as soon as it
 * reaches the head of its partition, without taking part in that choice.
 *
 * <p>Live, a record stamped before a command can become readable after the command was applied (a fire in a
 * transaction still open, a completion a producer was still retrying): the live stream applied it after the
 * command. The status stream recorded how far it had read each partition when it applied each command
 * ({@link Placements}); a record at or past that point is kept back until the command is taken, so replay applies
 * each job's records in the order the live stream did. Without placements, the order is the timestamps' alone.
 */
public final class ApplyOrder {
    private final List<RecordQueue> queues;
    private final Placements placements;
    private final long[] orderTimes;

    /** @param queues the partitions of control, fires and runs, in that order */
    public ApplyOrder(List<RecordQueue> queues) {
        this(queues, Placements.none());
    }

    ApplyOrder(List<RecordQueue> queues, Placements placements) {
        this.queues = List.copyOf(queues);
        this.placements = placements;
        this.orderTimes = new long[queues.size()];
        java.util.Arrays.fill(orderTimes, Long.MIN_VALUE);
    }

    /** The next record in apply order, or null when every partition is read to its end. */
    public ReplayRecord next() {
        for (RecordQueue queue : queues) {
            ReplayRecord head = queue.peek();
            if (head != null && head.isMalformed()) {
                return queue.poll();
            }
        }
        CommandPlacement command = nextCommandsPlacement();
        int earliest = -1;
        long earliestTime = 0;
        for (int rank = 0; rank < queues.size(); rank++) {
            ReplayRecord head = queues.get(rank).peek();
            if (head == null || rank > 0 && command != null && command.placesAfter(head.topic(), head.offset())) {
                continue; // read live only after the command was applied
            }
            long time = Math.max(orderTimes[rank], head.timestamp().toEpochMilli());
            // strictly earlier only: on equal order times the lower rank, which comes first in the loop, wins
            if (earliest < 0 || time < earliestTime) {
                earliest = rank;
                earliestTime = time;
            }
        }
        if (earliest < 0) {
            return null;
        }
        orderTimes[earliest] = earliestTime;
        return queues.get(earliest).poll();
    }

    /** The placement of the command at the head of {@code control}, if there is one and it is known. */
    private CommandPlacement nextCommandsPlacement() {
        if (queues.isEmpty()) {
            return null;
        }
        ReplayRecord head = queues.get(0).peek();
        return head != null && head.event() instanceof ControlCommand ? placements.at(head.offset()) : null;
    }
}
