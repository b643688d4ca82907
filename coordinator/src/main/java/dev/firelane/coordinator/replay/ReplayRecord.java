package dev.firelane.coordinator.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * One record read back from a topic, decoded with that topic's serde.
 *
 * @param topic     the topic's base name ({@code control}, {@code fires}, {@code runs}, {@code job-state})
 * @param timestamp the record's timestamp, the time the status stream orders by
 * @param key       the record key (a job id), or null
 * @param event     the decoded value; null for a tombstone or a record that could not be decoded
 * @param malformed why the value could not be decoded (the live components send such records to the dlq),
 *                  or null
 */
public record ReplayRecord(String topic, int partition, long offset, Instant timestamp, String key, Object event,
                           String malformed) {
    public ReplayRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    public boolean isMalformed() {
        return malformed != null;
    }

    /** {@code control-2@17}: topic, partition and offset, as Kafka tools write them. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
