package dev.firelane.worker.internal;

import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends run events and dead letters without waiting: acknowledgements come back as {@link Signal}s, so
 * an offset is marked done only once the broker holds the record that settles it. Thread-safe.
 */
final class Publisher {
    /** Sends of one tracked record before its offset is left uncommitted (each already retried by the client). */
    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String runsTopic;
    private final String dlqTopic;
    private final Queue<Signal> signals;
    private final Counters counters;
    private final AtomicInteger awaitingAck = new AtomicInteger();

    Publisher(Producer<byte[], byte[]> producer, String topicPrefix, Queue<Signal> signals, Counters counters) {
        this.producer = producer;
        this.runsTopic = Topics.RUNS.name(topicPrefix);
        this.dlqTopic = Topics.DLQ.name(topicPrefix);
        this.signals = signals;
        this.counters = counters;
    }

    /** Started is informative only: nothing waits for it, a failure is logged and counted. */
    void started(RunEvent.Started event) {
        sendUntracked(event);
    }

    /** Like Started: a lost heartbeat is made up for by the next one. */
    void heartbeat(RunEvent.Heartbeat event) {
        sendUntracked(event);
    }

    private void sendUntracked(RunEvent event) {
        String kind = event.getClass().getSimpleName();
        try {
            producer.send(runEvent(event), (metadata, e) -> {
                if (e != null) {
                    counters.publishFailed();
                    log.warn("{} {} {} not published: {}", event.jobId(), event.fireId(), kind, e.toString());
                }
            });
        } catch (RuntimeException e) {
            counters.publishFailed();
            log.warn("{} {} {} not published: {}", event.jobId(), event.fireId(), kind, e.toString());
        }
    }

    void completed(RunEvent.Completed event, PartitionProgress progress, long offset) {
        sendTracked(() -> runEvent(event), progress, offset, 1);
    }

    void deadLetter(byte[] key, DeadLetter letter, PartitionProgress progress, long offset) {
        sendTracked(() -> new ProducerRecord<>(dlqTopic, key, Topics.DLQ.valueSerde().serializer().serialize(dlqTopic, letter)),
                progress, offset, 1);
    }

    /** Sends a failed record again, or gives up on it after {@link #MAX_ATTEMPTS}. */
    void retry(Signal.PublishFailed failed) {
        TopicOffset at = new TopicOffset(failed.progress(), failed.offset());
        if (failed.attempt() >= MAX_ATTEMPTS) {
            // holding the offset back would stop every later fire of the partition from committing, for good
            log.error("{} record for {} not published after {} attempts; given up: the offset is committed past it and"
                    + " the coordinator marks the fire abandoned when it hears nothing more of it (retried under the"
                    + " job's policy)", failed.record().topic(), at, failed.attempt(), failed.cause());
            counters.gaveUp();
            signals.add(new Signal.Settled(failed.progress(), failed.offset(), "its record was given up after "
                    + failed.attempt() + " attempts"));
            return;
        }
        log.warn("{} record for {} not published (attempt {}), sending again: {}", failed.record().topic(), at,
                failed.attempt(), failed.cause().toString());
        sendTracked(failed::record, failed.progress(), failed.offset(), failed.attempt() + 1);
    }

    /** Tracked records sent but not yet acknowledged or failed. */
    int awaitingAck() {
        return awaitingAck.get();
    }

    private void sendTracked(RecordSupplier supplier, PartitionProgress progress, long offset, int attempt) {
        awaitingAck.incrementAndGet();
        try {
            ProducerRecord<byte[], byte[]> record = supplier.get();
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    counters.publishFailed();
                    signals.add(new Signal.PublishFailed(progress, offset, record, attempt, e));
                } else {
                    signals.add(new Signal.Acked(progress, offset));
                }
                awaitingAck.decrementAndGet();
            });
        } catch (RuntimeException e) {
            // the record cannot be built or sent at all (not a broker's refusal): sending it again cannot help
            awaitingAck.decrementAndGet();
            counters.publishFailed();
            counters.gaveUp();
            log.error("record for {} cannot be sent; given up: the offset is committed past it and the coordinator marks"
                    + " the fire abandoned", new TopicOffset(progress, offset), e);
            signals.add(new Signal.Settled(progress, offset, "its record cannot be sent: " + e));
        }
    }

    private ProducerRecord<byte[], byte[]> runEvent(RunEvent event) {
        return new ProducerRecord<>(runsTopic, Topics.RUNS.keySerde().serializer().serialize(runsTopic, event.jobId()),
                Topics.RUNS.valueSerde().serializer().serialize(runsTopic, event));
    }

    private interface RecordSupplier {
        ProducerRecord<byte[], byte[]> get();
    }

    private record TopicOffset(PartitionProgress progress, long offset) {
        @Override
        public String toString() {
            return progress.partition() + "@" + offset;
        }
    }
}
