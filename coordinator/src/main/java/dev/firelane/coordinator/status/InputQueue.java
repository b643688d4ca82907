package dev.firelane.coordinator.status;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one input partition read and not yet applied, in offset order. Records may be applied out of
 * order (a command's job goes first); the queue drops them once everything before them is applied, so its first
 * record is always the first offset not applied — the offset to commit.
 */
final class InputQueue {
    private final TopicPartition partition;
    private final int rank;
    private final List<InputRecord> records = new ArrayList<>();
    /** Index of the first record held (the ones before it are dropped). */
    private int first;
    /** No record before this index is free to take (a hint: records before it are taken or done). */
    private int cursor;
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
        records.add(record);
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
        return records.size() - first;
    }

    /** The first record not taken; null if every record read is taken. */
    InputRecord head() {
        cursor = Math.max(cursor, first);
        while (cursor < records.size() && records.get(cursor).isTaken()) {
            cursor++;
        }
        return cursor < records.size() ? records.get(cursor) : null;
    }

    /** Records were given back (a batch failed): look for free ones from the start again. */
    void rewind() {
        cursor = first;
    }

    /**
     * Whether every record of this partition that comes before {@code record} in the apply order has been read:
     * a later one is held, or nothing more is on the broker.
     */
    boolean hasReadPast(InputRecord record) {
        if (caughtUp) {
            return true;
        }
        return size() > 0 && !records.get(records.size() - 1).isBefore(record);
    }

    /** The records held, in offset order. */
    Iterator<InputRecord> iterator() {
        return records.subList(first, records.size()).iterator();
    }

    /** Drops the applied records at the head. */
    void dropDone() {
        while (first < records.size() && records.get(first).isDone()) {
            records.set(first++, null);
        }
        if (first > 4_096 && first > records.size() / 2) {
            records.subList(0, first).clear();
            cursor -= first;
            first = 0;
        }
    }

    /** The offset to commit: the first not applied, or {@code position} when everything read is applied. */
    long commitOffset(long position) {
        return size() == 0 ? position : records.get(first).offset();
    }
}
