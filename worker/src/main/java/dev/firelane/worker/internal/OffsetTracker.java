package dev.firelane.worker.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** {@link PartitionProgress} of every partition this worker owns now. Poll thread only. */
final class OffsetTracker {
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();

    void assign(Collection<TopicPartition> assigned) {
        for (TopicPartition tp : assigned) {
            partitions.put(tp, new PartitionProgress(tp));
        }
    }

    void remove(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** The progress of an owned partition, created if the assignment callback has not been seen. */
    PartitionProgress progress(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, PartitionProgress::new);
    }

    /** What to commit for every owned partition that made progress, marked as requested. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        return toCommit(partitions.keySet());
    }

    /** What to commit for {@code tps} among the owned partitions, marked as requested. */
    Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> tps) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : tps) {
            PartitionProgress progress = partitions.get(tp);
            if (progress != null) {
                progress.commitPoint().ifPresent(offset -> {
                    progress.requested(offset);
                    out.put(tp, new OffsetAndMetadata(offset));
                });
            }
        }
        return out;
    }

    void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            PartitionProgress progress = partitions.get(tp);
            if (progress != null) {
                progress.requestFailed(offset.offset());
            }
        });
    }
}
