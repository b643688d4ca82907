package dev.firelane.coordinator.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The records of one topic partition, in offset order, read as they are needed. */
public interface RecordQueue {
    /** The next record without taking it, or null when the partition has no more (up to its end). */
    ReplayRecord peek();

    /** Takes the next record, or null when there is none. */
    ReplayRecord poll();

    /** A queue over records already in memory. */
    static RecordQueue of(List<ReplayRecord> records) {
        Deque<ReplayRecord> deque = new ArrayDeque<>(records);
        return new RecordQueue() {
            @Override
            public ReplayRecord peek() {
                return deque.peekFirst();
            }

            @Override
            public ReplayRecord poll() {
                return deque.pollFirst();
            }
        };
    }
}
