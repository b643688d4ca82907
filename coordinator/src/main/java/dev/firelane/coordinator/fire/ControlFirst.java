package dev.firelane.coordinator.fire;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp the fire topology gives a {@code control} record: 0, so that a pause or delete is taken before
 * anything else a task has buffered. Kafka Streams takes a task's next record from the partition whose buffered
 * head has the lowest timestamp; with the records' own times, a pause sent while a backlog of {@code runs} waits (a
 * coordinator back from a crash finds every run event of its downtime there) is processed only after all of it,
 * and the job fires on for as long. The hold reads the command's own request time, and nothing is forwarded with
 * this timestamp: {@link HoldProcessor} only holds.
 */
final class ControlFirst implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return 0L;
    }
}
