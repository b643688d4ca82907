package dev.firelane.coordinator.status;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One record of {@code control}, {@code fires} or {@code runs} as the status stream holds it between reading
 * and applying: decoded, checked, and placed in its partition's apply order.
 *
 * <p>{@code orderTime} is the largest timestamp of the well-formed records of its partition up to and including
 * this one. The status stream applies the three co-partitioned partitions in the order of a merge that always
 * takes the head record with the smallest timestamp (ties: control, then fires, then runs), which is the order of
 * (orderTime, rank, offset); replay's {@code ApplyOrder} takes the same merge, so it applies each job's records in
 * the order the live stream did.
 */
final class InputRecord {
    private final TopicPartition partition;
    private final int rank;
    private final long offset;
    private final long orderTime;
    private final String key;
    private final byte[] rawKey;
    private final byte[] rawValue;
    private final Object event;
    private final String refusal;
    private final boolean malformed;
    private boolean taken;
    private boolean done;

    private InputRecord(ConsumerRecord<byte[], byte[]> raw, int rank, long orderTime, String key, Object event,
                        String refusal, boolean malformed) {
        this.partition = new TopicPartition(raw.topic(), raw.partition());
        this.rank = rank;
        this.offset = raw.offset();
        this.orderTime = orderTime;
        this.key = key;
        this.rawKey = raw.key();
        this.rawValue = raw.value();
        this.event = event;
        this.refusal = refusal;
        this.malformed = malformed;
    }

    /**
     * Decodes {@code raw} with its topic's serde and checks it as {@link StatusRecords#check} does; a record that
     * cannot be read or checked carries the reason it goes to the dlq.
     *
     * @param previousOrderTime the order time of the partition's previous record (Long.MIN_VALUE for none)
     */
    static InputRecord decode(ConsumerRecord<byte[], byte[]> raw, Topic<String, ?> topic, int rank, long previousOrderTime) {
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        Object event;
        try {
            event = topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
        } catch (SerializationException | IllegalArgumentException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            // a record that cannot be read takes no part in the order (replay's ApplyOrder drops it at once too)
            return new InputRecord(raw, rank, previousOrderTime, key, null, reason, true);
        }
        long orderTime = Math.max(previousOrderTime, raw.timestamp());
        try {
            StatusRecords.check(raw.topic(), key, event);
            return new InputRecord(raw, rank, orderTime, key, event, null, false);
        } catch (UnappliableEventException e) {
            return new InputRecord(raw, rank, orderTime, key, event, e.getMessage(), false);
        }
    }

    TopicPartition partition() {
        return partition;
    }

    int rank() {
        return rank;
    }

    long offset() {
        return offset;
    }

    long orderTime() {
        return orderTime;
    }

    /** The job id (the record key). */
    String key() {
        return key;
    }

    byte[] rawKey() {
        return rawKey;
    }

    byte[] rawValue() {
        return rawValue;
    }

    /** The decoded value; null if it could not be read. */
    Object event() {
        return event;
    }

    /** Why this record goes to the dlq rather than being applied; null if it is to be applied. */
    String refusal() {
        return refusal;
    }

    boolean isRefused() {
        return refusal != null;
    }

    /** Could not be read at all (it has no place in the apply order). */
    boolean isMalformed() {
        return malformed;
    }

    /** In the batch being applied now, or applied. */
    boolean isTaken() {
        return taken || done;
    }

    boolean isDone() {
        return done;
    }

    void take() {
        taken = true;
    }

    void release() {
        taken = false;
    }

    /** Applied (or dead-lettered) and committed to the database: never taken again. */
    void markDone() {
        done = true;
        taken = false;
    }

    /** A readable control command (applied, or refused by its checks): it gets a placement. */
    boolean isCommand() {
        return event instanceof ControlCommand;
    }

    /** Whether this record comes before {@code other} in the apply order. */
    boolean isBefore(InputRecord other) {
        if (orderTime != other.orderTime) {
            return orderTime < other.orderTime;
        }
        return rank != other.rank ? rank < other.rank : offset < other.offset;
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
