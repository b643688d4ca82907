package dev.firelane.worker.internal;

import dev.firelane.protocol.JobState;
import dev.firelane.protocol.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code job-state} (see {@link TopicTail}) into a {@link JobStateBook}, so that a fire whose job was
 * paused after it was emitted is skipped instead of started. It starts at the end rather than reading the
 * whole compacted topic: the window that matters is the seconds after a pause, while fires emitted before
 * it still wait at the workers. A worker that starts after a pause does not know of it, so such a fire
 * redelivered to it runs, as it did before workers skipped anything.
 */
public final class JobStateListener extends TopicTail {
    private static final Logger log = LoggerFactory.getLogger(JobStateListener.class);

    private final JobStateBook book;

    public JobStateListener(Consumer<byte[], byte[]> consumer, String topicPrefix, String workerId, JobStateBook book) {
        super(consumer, Topics.JOB_STATE.name(topicPrefix), workerId, "job states");
        this.book = book;
    }

    @Override
    void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return; // not a job's record; the topic is keyed by job id
        }
        String jobId = Topics.JOB_STATE.keySerde().deserializer().deserialize(topic(), record.key());
        if (record.value() == null) {
            book.deleted(jobId);
            log.debug("{} deleted", jobId);
            return;
        }
        JobState state;
        try {
            state = Topics.JOB_STATE.valueSerde().deserializer().deserialize(topic(), record.value());
        } catch (SerializationException e) {
            // when in doubt, run: forget what was known rather than skip on a stale pause
            book.forget(jobId);
            log.warn("{} state at {}-{}@{} unreadable, forgotten: {}", jobId, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        book.applied(jobId, state.status(), state.generation(), state.incarnation());
        log.debug("{} {} at generation {}", jobId, state.status().wire(), state.generation());
    }
}
