package dev.firelane.coordinator.status;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * What the status stream produces after a batch commits: the applied job states on {@code job-state}, where each
 * command was applied on {@code applied}, and the refused records on {@code dlq}. {@link #publish} returns only
 * once the broker has every record, so the input offsets are committed only after their outputs exist; a failure
 * leaves the batch to be applied again (its commands and completions are recorded, so applying it again changes
 * nothing and publishes their states again).
 */
final class StatusOutput {
    private final Producer<byte[], byte[]> producer;
    private final String jobStateTopic;
    private final String appliedTopic;
    private final String dlqTopic;
    private final Clock clock;

    StatusOutput(Producer<byte[], byte[]> producer, String topicPrefix, Clock clock) {
        this.producer = producer;
        this.jobStateTopic = Topics.JOB_STATE.name(topicPrefix);
        this.appliedTopic = Topics.APPLIED.name(topicPrefix);
        this.dlqTopic = Topics.DLQ.name(topicPrefix);
        this.clock = clock;
    }

    /** Sends the outputs of a batch and waits for the broker to acknowledge all of them. */
    void publish(List<Publication> publications, Map<InputRecord, CommandPlacement> placed,
                 List<BatchRunner.Rejection> rejections) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(publications.size() + placed.size() + rejections.size());
        for (Publication publication : publications) {
            sent.add(producer.send(jobState(publication)));
        }
        placed.forEach((command, place) -> sent.add(producer.send(new ProducerRecord<>(appliedTopic, command.rawKey(),
                Topics.APPLIED.valueSerde().serializer().serialize(appliedTopic, place)))));
        for (BatchRunner.Rejection rejection : rejections) {
            sent.add(producer.send(deadLetter(rejection)));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing the status stream's outputs", e);
            } catch (ExecutionException e) {
                throw new KafkaException("the status stream's outputs were not published: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    private ProducerRecord<byte[], byte[]> jobState(Publication publication) {
        byte[] key = publication.jobId().getBytes(StandardCharsets.UTF_8);
        byte[] value = publication.isTombstone() ? null
                : Topics.JOB_STATE.valueSerde().serializer().serialize(jobStateTopic, publication.state());
        return new ProducerRecord<>(jobStateTopic, key, value);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(BatchRunner.Rejection rejection) {
        InputRecord record = rejection.record();
        DeadLetter letter = new DeadLetter(record.partition().topic(), record.partition().partition(), record.offset(),
                record.rawValue(), rejection.reason(), StatusStream.COMPONENT, clock.instant());
        return new ProducerRecord<>(dlqTopic, null, record.rawKey(),
                Topics.DLQ.valueSerde().serializer().serialize(dlqTopic, letter));
    }
}
