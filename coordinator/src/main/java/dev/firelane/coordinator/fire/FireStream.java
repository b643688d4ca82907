package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running fire topology: a {@link KafkaStreams} instance with exactly-once processing, so that a
 * fire, the store update recording it and the consumed offsets commit atomically (no duplicate fire
 * across crashes, restarts and rebalances).
 */
public final class FireStream implements AutoCloseable {
    /** The {@code application.id} suffix after the topic prefix. */
    public static final String DEFAULT_APPLICATION_ID_SUFFIX = "coordinator";
    /** The component name written into dead letters. */
    public static final String COMPONENT = "coordinator";
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_PRODUCER_LINGER_MS = "5";
    public static final String DEFAULT_PRODUCER_COMPRESSION = "lz4";

    private static final Logger log = LoggerFactory.getLogger(FireStream.class);

    private final KafkaStreams streams;
    private final String applicationId;

    /**
     * @param base   caller's Streams properties ({@code bootstrap.servers}, {@code state.dir}, …);
     *               not modified
     * @param config the topology settings
     */
    public FireStream(Properties base, FireTopologyConfig config) {
        Properties props = streamsProperties(base, config);
        this.applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(FireTopology.build(config), props);
        log.info("fire stream {} configured: prefix={} punctuation={} maxFiresPerPunctuation={} misfireThreshold={}"
                        + " inFlightGrace={} inFlightTtl={} heartbeatTimeout={} retryBackoff={}..{} jitter={} stores={}",
                applicationId, config.topicPrefix(), config.punctuationInterval(), config.maxFiresPerPunctuation(),
                config.misfireThreshold(), config.inFlightGrace(), config.inFlightTtl(), config.heartbeatTimeout(),
                config.retryBackoff().base(), config.retryBackoff().max(), config.retryBackoff().jitter(),
                config.storeType());
    }

    /**
     * {@code base} completed with what the fire topology needs: {@code application.id} (default
     * {@code <prefix>coordinator}), exactly-once v2 (always), the {@link DeadLetterHandler} for records
     * that cannot be read, and batching producer defaults. Values in {@code base} win except the
     * processing guarantee.
     */
    public static Properties streamsProperties(Properties base, FireTopologyConfig config) {
        Objects.requireNonNull(base, "base");
        Properties props = new Properties();
        DeadLetterHandler.configs(config.topicPrefix(), COMPONENT, config.clock()).forEach(props::put);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.topicPrefix() + DEFAULT_APPLICATION_ID_SUFFIX);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), DEFAULT_PRODUCER_LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), DEFAULT_PRODUCER_COMPRESSION);
        props.putAll(base);
        // not overridable: without it a crash between produce and commit would fire twice
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    public void start() {
        log.info("fire stream {} starting", applicationId);
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Running or rebalancing: started and not shutting down or failed. */
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    public void close(Duration timeout) {
        log.info("fire stream {} closing", applicationId);
        if (!streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            log.warn("fire stream {} did not close within {}", applicationId, timeout);
        }
    }
}
