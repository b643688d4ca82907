package dev.firelane.worker.internal;

import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one assigned partition: which records were received and which are done (their completion or
 * dead letter acknowledged). The commit point is the lowest offset not yet done, so nothing is committed
 * past a record still running. Used by the poll thread only; a new instance per assignment, so late
 * completions of a revoked assignment land on an orphan and never commit.
 */
final class PartitionProgress {
    private final TopicPartition partition;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private long lastReceived = -1;
    private long requested = -1;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    void received(long offset) {
        outstanding.add(offset);
        lastReceived = Math.max(lastReceived, offset);
    }

    void done(long offset) {
        outstanding.remove(offset);
    }

    /** The offset to commit, when it moved past what was last requested. */
    OptionalLong commitPoint() {
        if (lastReceived < 0) {
            return OptionalLong.empty();
        }
        long point = outstanding.isEmpty() ? lastReceived + 1 : outstanding.first();
        return point > requested ? OptionalLong.of(point) : OptionalLong.empty();
    }

    void requested(long offset) {
        requested = Math.max(requested, offset);
    }

    /** A commit of {@code offset} failed: ask again on the next round unless a later one superseded it. */
    void requestFailed(long offset) {
        if (requested == offset) {
            requested = -1;
        }
    }

    int outstanding() {
        return outstanding.size();
    }
}
