package dev.firelane.worker.internal;

import org.apache.kafka.clients.producer.ProducerRecord;

/** What other threads hand back to the poll thread, which alone may touch the consumer and offsets. */
sealed interface Signal {
    /** The completion or dead letter for {@code offset} is on the broker: the offset is done. */
    record Acked(PartitionProgress progress, long offset) implements Signal {
    }

    /**
     * The offset is done without an outcome of this worker on the broker: a run that went on past the hand-over
     * time (the coordinator follows it by its heartbeats from now on), or a tracked record the broker refused
     * {@link Publisher#MAX_ATTEMPTS} times (the coordinator marks the fire abandoned). Either way the partition's
     * commit position moves on past it.
     */
    record Settled(PartitionProgress progress, long offset, String why) implements Signal {
    }

    /** The broker did not take a tracked record; the poll thread may send it again. */
    record PublishFailed(PartitionProgress progress, long offset, ProducerRecord<byte[], byte[]> record, int attempt,
                         Exception cause) implements Signal {
    }

    /** Look again: a run finished (a slot is free) or the worker is stopping. */
    record Nudge() implements Signal {
        static final Nudge INSTANCE = new Nudge();
    }
}
