package dev.firelane.coordinator.replay;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where replay reads from.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topicPrefix      prefix of every Firelane topic name
 * @param clientProperties extra Kafka client properties (security settings…), passed to the consumer and admin
 * @param timeout          how long to wait for Kafka to answer before giving up
 */
public record ReplaySettings(String bootstrapServers, String topicPrefix, Properties clientProperties, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ReplaySettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the Kafka bootstrap servers are required");
        }
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(clientProperties, "clientProperties"));
        clientProperties = copy;
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive; got " + timeout);
        }
    }

    public static ReplaySettings of(String bootstrapServers, String topicPrefix) {
        return new ReplaySettings(bootstrapServers, topicPrefix, new Properties(), DEFAULT_TIMEOUT);
    }

    public String topic(String baseName) {
        return topicPrefix + baseName;
    }

    @Override
    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }
}
