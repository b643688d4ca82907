package dev.firelane.coordinator.replay;

import java.util.List;

/**
 * The order in which the status stream applies the co-partitioned partitions of {@code control},
 * {@code fires} and {@code runs}: one Kafka Streams task reads all three, and with the default
 * {@code max.task.idle.ms=0} it processes only when every partition has buffered records or has none left on
 * the broker, taking each time the buffered head record with the smallest timestamp. A record that cannot be
 * deserialized is dropped (to the dlq) as soon as it reaches the head of its partition, without taking part
 * in that choice. Ties between equal timestamps are broken by the order of the queues (Streams' own choice
 * is its priority queue's and unspecified).
 *
 * <p>Replayed, every record is on the broker, so this is exactly the live order. Live, a record appended
 * after the stream had already taken a later-stamped one from another topic (records produced within a
 * few milliseconds of each other, or stamped by hosts whose clocks disagree) was applied earlier than here;
 * {@code replay diff} shows where that mattered.
 */
public final class ApplyOrder {
    private final List<RecordQueue> queues;

    /** @param queues the partitions of control, fires and runs, in that order */
    public ApplyOrder(List<RecordQueue> queues) {
        this.queues = List.copyOf(queues);
    }

    /** The next record in apply order, or null when every partition is read to its end. */
    public ReplayRecord next() {
        for (RecordQueue queue : queues) {
            ReplayRecord head = queue.peek();
            if (head != null && head.isMalformed()) {
                return queue.poll();
            }
        }
        RecordQueue earliest = null;
        for (RecordQueue queue : queues) {
            ReplayRecord head = queue.peek();
            if (head != null && (earliest == null || head.timestamp().isBefore(earliest.peek().timestamp()))) {
                earliest = queue;
            }
        }
        return earliest == null ? null : earliest.poll();
    }
}
