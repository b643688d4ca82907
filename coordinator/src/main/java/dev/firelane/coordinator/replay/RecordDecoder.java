package dev.firelane.coordinator.replay;

import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Decodes raw records with the serde of their topic, as the live components do; never throws for bad data. */
final class RecordDecoder {
    private static final Map<String, Topic<String, ?>> BY_BASE_NAME = Map.of(
            Topics.CONTROL.baseName(), Topics.CONTROL,
            Topics.FIRES.baseName(), Topics.FIRES,
            Topics.RUNS.baseName(), Topics.RUNS,
            Topics.JOB_STATE.baseName(), Topics.JOB_STATE,
            Topics.APPLIED.baseName(), Topics.APPLIED);

    private final String prefix;

    RecordDecoder(String prefix) {
        this.prefix = prefix;
    }

    ReplayRecord decode(ConsumerRecord<byte[], byte[]> raw) {
        String baseName = raw.topic().substring(prefix.length());
        Topic<String, ?> topic = BY_BASE_NAME.get(baseName);
        boolean dlq = baseName.equals(Topics.DLQ.baseName());
        if (topic == null && !dlq) {
            throw new IllegalArgumentException("not a replayed topic: " + raw.topic());
        }
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        Instant timestamp = Instant.ofEpochMilli(raw.timestamp());
        try {
            Object event = dlq ? Topics.DLQ.valueSerde().deserializer().deserialize(raw.topic(), raw.value())
                    : topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
            return new ReplayRecord(baseName, raw.partition(), raw.offset(), timestamp, key, event, null);
        } catch (SerializationException | IllegalArgumentException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return new ReplayRecord(baseName, raw.partition(), raw.offset(), timestamp, key, null, reason);
        }
    }
}
