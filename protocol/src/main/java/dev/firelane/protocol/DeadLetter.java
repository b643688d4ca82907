package dev.firelane.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A record some component refused: the value of the {@code dlq} topic, keyed by the original key.
 *
 * @param value the original value bytes, as they were (Jackson writes them base64)
 */
public record DeadLetter(String sourceTopic, int partition, long offset, byte[] value, String reason,
                         String rejectedBy, Instant rejectedAt) {
    public DeadLetter {
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }
}
