package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the status stream. Build with {@link #builder()}; every setting has a {@code DEFAULT_*}.
 *
 * @param topicPrefix     prefix of every topic name
 * @param applicationId   Kafka Streams application id (consumer group)
 * @param clock           time of {@code applied_at} and of dead letters
 * @param maxRetries      retries of a transient database failure before the stream thread is replaced
 * @param retryBackoff    wait before the first retry; doubled for each next one
 * @param maxPayloadBytes largest job payload a Create or Update may carry
 * @param closeTimeout    how long {@link StatusStream#close()} waits for the threads
 * @param meterRegistry   where the status stream's meters go (default: nowhere)
 */
public record StatusStreamConfig(String topicPrefix, String applicationId, Clock clock, int maxRetries,
                                 Duration retryBackoff, int maxPayloadBytes, Duration closeTimeout,
                                 MeterRegistry meterRegistry) {
    public static final String DEFAULT_TOPIC_PREFIX = Topics.DEFAULT_PREFIX;
    /** Appended to the topic prefix to make the default application id ({@code firelane.status}). */
    public static final String DEFAULT_APPLICATION_ID_SUFFIX = "status";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = JobSpecValidator.DEFAULT_MAX_PAYLOAD_BYTES;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public StatusStreamConfig {
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0; got " + maxRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative; got " + retryBackoff);
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 1; got " + maxPayloadBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static StatusStreamConfig defaults() {
        return builder().build();
    }

    public static final class Builder {
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private String applicationId;
        private Clock clock = Clock.systemUTC();
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        /** Default: the topic prefix followed by {@value #DEFAULT_APPLICATION_ID_SUFFIX}. */
        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** The process's one registry; default: nowhere. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        public StatusStreamConfig build() {
            String id = applicationId != null ? applicationId
                    : (topicPrefix == null ? "" : topicPrefix) + DEFAULT_APPLICATION_ID_SUFFIX;
            return new StatusStreamConfig(topicPrefix, id, clock, maxRetries, retryBackoff, maxPayloadBytes, closeTimeout,
                    meterRegistry == null ? MeterRegistries.none() : meterRegistry);
        }
    }
}
