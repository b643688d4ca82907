package dev.firelane.deploy.failover;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.fire.FireTopologyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What both coordinator instances of the failover test share: topic prefix, partitions, and Streams settings. A
 * killed member is noticed after the product's default session timeout, and its open transaction is aborted after
 * Streams' exactly-once transaction timeout; only the test broker checks for timed-out transactions more often.
 */
final class FailoverSettings {
    static final String PREFIX = "failover.";
    static final int PARTITIONS = 6;
    static final String APPLICATION_ID = PREFIX + FireStream.DEFAULT_APPLICATION_ID_SUFFIX;
    /** Streams' default under exactly-once. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    /**
     * For the instance that will crash: its transactions stay open long enough (fires emitted, not yet
     * committed) for the test to aim the kill inside one.
     */
    static final Duration LONG_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private FailoverSettings() {
    }

    /** Broker settings: abort timed-out transactions every second instead of every 10 s. */
    static Map<String, Object> brokerProperties() {
        return Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    }

    static Properties streamsProperties(String bootstrapServers, Path stateDir, String clientId, Duration commitInterval) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // the session timeout, standby replicas and transaction timeout are the product's defaults (FireStream): the
        // takeover measured here is the one users get
        return props;
    }

    static FireTopologyConfig topology(Clock clock) {
        return FireTopologyConfig.builder().topicPrefix(PREFIX).clock(clock).build();
    }
}
