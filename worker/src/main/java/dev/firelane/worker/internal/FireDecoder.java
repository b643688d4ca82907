package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Reads a {@code fires} record, or says why it cannot be run. */
final class FireDecoder {
    private FireDecoder() {
    }

    /** Either a fire or the reason it was refused. */
    record Decoded(Fire fire, String refusal) {
        boolean isRefused() {
            return refusal != null;
        }
    }

    static Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return refused("a null value (tombstone) is not a fire");
        }
        Fire fire;
        try {
            fire = Topics.FIRES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            return refused(e.getMessage() == null ? "unreadable fire" : e.getMessage());
        }
        // runs are keyed (and partitioned) by job id; a fire under another key would break co-partitioning
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!fire.jobId().equals(key)) {
            return refused("record key " + (key == null ? "null" : "'" + key + "'") + " is not the fire's job id '"
                    + fire.jobId() + "'");
        }
        return new Decoded(fire, null);
    }

    private static Decoded refused(String reason) {
        return new Decoded(null, reason);
    }
}
