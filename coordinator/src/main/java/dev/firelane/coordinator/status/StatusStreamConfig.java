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
 * @param topicPrefix      prefix of every topic name
 * @param applicationId    the consumer group of the status stream
 * @param clock            time of {@code applied_at} and of dead letters
 * @param maxBatchEvents   records applied in one database transaction at most
 * @param readAhead        records held per input partition at most, read and not yet applied (and five times that
 *                         over all partitions); the further it reads ahead, the deeper the backlog a command can jump
 *                         (it waits only for its own job's records)
 * @param retryBackoff     wait before the first retry of a batch the database failed; doubled for each next one
 * @param maxRetryBackoff  the longest wait between retries (a failing database is retried for ever, never skipped)
 * @param pollTimeout      how long a poll waits for records when there is nothing to apply
 * @param maxPayloadBytes  largest job payload a Create or Update may carry
 * @param closeTimeout     how long {@link StatusStream#close()} waits for the loop to finish its batch
 * @param meterRegistry    where the status stream's meters go (default: nowhere)
 */
public record StatusStreamConfig(String topicPrefix, String applicationId, Clock clock, int maxBatchEvents,
                                 int readAhead, Duration retryBackoff, Duration maxRetryBackoff, Duration pollTimeout,
                                 int maxPayloadBytes, Duration closeTimeout, MeterRegistry meterRegistry) {
    public static final String DEFAULT_TOPIC_PREFIX = Topics.DEFAULT_PREFIX;
    /** Appended to the topic prefix to make the default application id ({@code firelane.status}). */
    public static final String DEFAULT_APPLICATION_ID_SUFFIX = "status";
    public static final int DEFAULT_MAX_BATCH_EVENTS = 5_000;
    public static final int DEFAULT_READ_AHEAD = 20_000;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = JobSpecValidator.DEFAULT_MAX_PAYLOAD_BYTES;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public StatusStreamConfig {
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("maxBatchEvents must be >= 1; got " + maxBatchEvents);
        }
        if (readAhead < maxBatchEvents) {
            throw new IllegalArgumentException("readAhead (" + readAhead + ") must be at least maxBatchEvents ("
                    + maxBatchEvents + ")");
        }
        if (retryBackoff.isNegative() || maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= retryBackoff <= maxRetryBackoff; got " + retryBackoff + " and "
                    + maxRetryBackoff);
        }
        if (pollTimeout.isNegative()) {
            throw new IllegalArgumentException("pollTimeout must not be negative; got " + pollTimeout);
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

    @Override
    public String toString() {
        return "StatusStreamConfig[topicPrefix=" + topicPrefix + ", applicationId=" + applicationId + ", maxBatchEvents="
                + maxBatchEvents + ", readAhead=" + readAhead + ", retryBackoff=" + retryBackoff + ".." + maxRetryBackoff
                + ", pollTimeout=" + pollTimeout + ", maxPayloadBytes=" + maxPayloadBytes + "]";
    }

    public static final class Builder {
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private String applicationId;
        private Clock clock = Clock.systemUTC();
        private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
        private int readAhead = DEFAULT_READ_AHEAD;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
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

        public Builder maxBatchEvents(int maxBatchEvents) {
            this.maxBatchEvents = maxBatchEvents;
            return this;
        }

        public Builder readAhead(int readAhead) {
            this.readAhead = readAhead;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
            return this;
        }

        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
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
            return new StatusStreamConfig(topicPrefix, id, clock, maxBatchEvents, readAhead, retryBackoff,
                    maxRetryBackoff, pollTimeout, maxPayloadBytes, closeTimeout,
                    meterRegistry == null ? MeterRegistries.none() : meterRegistry);
        }
    }
}
