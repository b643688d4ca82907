package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the fire topology. Build with {@link #builder()}; {@code build()} validates.
 *
 * @param topicPrefix            prefix of every Firelane topic name
 * @param clock                  the coordinator's notion of now (due times, {@code firedAt})
 * @param punctuationInterval    how often due jobs are looked for (wall-clock)
 * @param maxFiresPerPunctuation at most this many scheduled fires per punctuation; the rest wait
 *                               for the next one, which bounds the work per commit
 * @param calculator             the schedule math, shared by all stream threads
 */
public record FireTopologyConfig(String topicPrefix, Clock clock, Duration punctuationInterval,
                                 int maxFiresPerPunctuation, ScheduleCalculator calculator) {
    public static final String DEFAULT_TOPIC_PREFIX = Topics.DEFAULT_PREFIX;
    public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_FIRES_PER_PUNCTUATION = 10_000;

    public FireTopologyConfig {
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        Objects.requireNonNull(calculator, "calculator");
        if (punctuationInterval.toMillis() < 1) {
            throw new IllegalArgumentException("punctuationInterval must be at least 1 ms; got " + punctuationInterval);
        }
        if (maxFiresPerPunctuation < 1) {
            throw new IllegalArgumentException("maxFiresPerPunctuation must be >= 1; got " + maxFiresPerPunctuation);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Full name of a topic under this config's prefix. */
    public String topic(Topic<?, ?> topic) {
        return topic.name(topicPrefix);
    }

    /** Builder with the {@code DEFAULT_*} values and the system UTC clock. */
    public static final class Builder {
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private Clock clock = Clock.systemUTC();
        private Duration punctuationInterval = DEFAULT_PUNCTUATION_INTERVAL;
        private int maxFiresPerPunctuation = DEFAULT_MAX_FIRES_PER_PUNCTUATION;
        private ScheduleCalculator calculator;

        private Builder() {
        }

        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder punctuationInterval(Duration punctuationInterval) {
            this.punctuationInterval = punctuationInterval;
            return this;
        }

        public Builder maxFiresPerPunctuation(int maxFiresPerPunctuation) {
            this.maxFiresPerPunctuation = maxFiresPerPunctuation;
            return this;
        }

        public Builder calculator(ScheduleCalculator calculator) {
            this.calculator = calculator;
            return this;
        }

        public FireTopologyConfig build() {
            return new FireTopologyConfig(topicPrefix, clock, punctuationInterval, maxFiresPerPunctuation,
                    calculator == null ? new ScheduleCalculator() : calculator);
        }
    }
}
