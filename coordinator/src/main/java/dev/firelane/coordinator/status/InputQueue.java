package dev.firelane.coordinator.status;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one input partition read and not yet applied, in offset order. Records may be applied out of
 * order (a command's job goes first); the queue drops them once everything before them is applied, so its head
 * is always the first offset not applied — the offset to commit.
 */
final class InputQueue {
    private final TopicPartition partition;
    private final int rank;
    private final ArrayDeque<InputRecord> records = new ArrayDeque<>();
    private long orderTime = Long.MIN_VALUE;
    private boolean caughtUp;

    InputQueue(TopicPartition partition, int rank) {
        this.partition = partition;
        this.rank = rank;
    }

    TopicPartition partition() {
        return partition;
    }

    int rank() {
        return rank;
    }

    void add(InputRecord record) {
        records.addLast(record);
        orderTime = record.orderTime();
    }

    /** The order time of the last record read (Long.MIN_VALUE before any). */
    long orderTime() {
        return orderTime;
    }

    /** Nothing more on the broker than what was read (as of the last fetch). */
    boolean isCaughtUp() {
        return caughtUp;
    }

    void caughtUp(boolean caughtUp) {
        this.caughtUp = caughtUp;
    }

    /** Records held, applied or not. */
    int size() {
        return records.size();
    }

    /** The first record not taken; null if every record read is taken. */
    InputRecord head() {
        for (InputRecord record : records) {
            if (!record.isTaken()) {
                return record;
            }
        }
        return null;
    }

    /**
     * Whether every record of this partition that comes before {@code record} in the apply order has been read:
     * a later one is held, or nothing more is on the broker.
     */
    boolean hasReadPast(InputRecord record) {
        if (caughtUp) {
            return true;
        }
        InputRecord last = records.peekLast();
        return last != null && !last.isBefore(record);
    }

    Iterator<InputRecord> iterator() {
        return records.iterator();
    }

    /** Drops the applied records at the head. */
    void dropDone() {
        while (!records.isEmpty() && records.peekFirst().isDone()) {
            records.pollFirst();
        }
    }

    /** The offset to commit: the first not applied, or {@code position} when everything read is applied. */
    long commitOffset(long position) {
        InputRecord first = records.peekFirst();
        return first == null ? position : first.offset();
    }
}
