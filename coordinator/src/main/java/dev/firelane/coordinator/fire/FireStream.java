package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import dev.firelane.coordinator.metrics.MeterNames;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
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
    /**
     * The stream consumer's session timeout unless set: how long the partitions of a coordinator killed outright
     * (SIGKILL, a lost host) wait before another takes them over. Kafka's 45 s default left every job of a killed
     * coordinator unfired for about 50 s; the broker's smallest allowed value is 6 s.
     */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    /** One standby per task unless set: with two coordinators, a takeover finds the stores already restored. */
    public static final int DEFAULT_STANDBY_REPLICAS = 1;
    /**
     * The commit interval unless set: a fallback. The scheduler's punctuations ask for the commits, at one pace
     * ({@link CommitPacer}: for fires at once, for anything else processed at least every second, both spaced by what
     * a commit costs). With exactly-once's 100 ms default, a commit slower than that (0.5 s on a loaded machine, a
     * broker restarting) was followed by another at the next loop, Kafka Streams halved the records processed per
     * task at each, and the thread processed about one record per task per commit: a coordinator minutes behind
     * {@code runs}, {@code control} and {@code job-state} after a restart (the chaos suite, with a busy loop beside it).
     * Under Kafka Streams' exactly-once {@code transaction.timeout.ms} of 10 s.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 5_000;
    /** Up to this many due entries the gauge counts them (a scan of a few milliseconds per scrape). */
    public static final int EXACT_DUE_COUNT_LIMIT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(FireStream.class);

    private final KafkaStreams streams;
    private final String applicationId;
    private final FireMetrics metrics;
    private final Gauge dueSetSize;
    private final CommandWitness witness;
    private final HoldBoard holdBoard;
    private final String controlTopic;

    /**
     * @param base   caller's Streams properties ({@code bootstrap.servers}, {@code state.dir}, …);
     *               not modified
     * @param config the topology settings
     */
    public FireStream(Properties base, FireTopologyConfig config) {
        Properties props = streamsProperties(base, config);
        this.applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(FireTopology.build(config), props);
        this.metrics = config.metrics();
        this.witness = config.witness();
        this.holdBoard = config.holdBoard();
        this.controlTopic = config.topic(dev.firelane.protocol.Topics.CONTROL);
        this.dueSetSize = Gauge.builder(MeterNames.DUE_SET_SIZE, this, FireStream::dueSetSize)
                .description("jobs waiting for their next fire time in this coordinator's tasks")
                .tag("application", applicationId)
                .register(metrics.registry());
        Duration poll = pollInterval(props);
        log.info("fire stream {} configured: prefix={} punctuation={} poll={} maxFiresPerPunctuation={} misfireThreshold={}"
                        + " inFlightGrace={} inFlightTtl={} heartbeatTimeout={} retryBackoff={}..{} jitter={} deletionMemory={}"
                        + " stores={}",
                applicationId, config.topicPrefix(), config.punctuationInterval(), poll, config.maxFiresPerPunctuation(),
                config.misfireThreshold(), config.inFlightGrace(), config.inFlightTtl(), config.heartbeatTimeout(),
                config.retryBackoff().base(), config.retryBackoff().max(), config.retryBackoff().jitter(),
                config.deletionMemory(), config.storeType());
        if (poll.compareTo(config.punctuationInterval()) > 0) {
            log.warn("fire stream {}: {} {} is longer than the punctuation interval {}; due fires wait up to the poll",
                    applicationId, StreamsConfig.POLL_MS_CONFIG, poll, config.punctuationInterval());
        }
    }

    /**
     * {@code base} completed with what the fire topology needs: {@code application.id} (default
     * {@code <prefix>coordinator}), exactly-once v2 (always), the {@link DeadLetterHandler} for records
     * that cannot be read, batching producer defaults, and {@code poll.ms} equal to the punctuation interval
     * (an idle stream thread looks at its wall-clock punctuators once per poll, so a longer poll would
     * coarsen every due-time wake-up). {@code commit.interval.ms} is {@link #DEFAULT_COMMIT_INTERVAL_MS}, a
     * fallback, not the 100 ms of exactly-once: the punctuations ask for the commits ({@link CommitPacer}). Values
     * in {@code base} win
     * except the processing guarantee.
     *
     * @throws IllegalArgumentException if {@code base} sets a {@code poll.ms} longer than the misfire
     *                                  threshold: a time found at the first punctuation after it would count
     *                                  as missed
     */
    public static Properties streamsProperties(Properties base, FireTopologyConfig config) {
        Objects.requireNonNull(base, "base");
        Properties props = new Properties();
        DeadLetterHandler.configs(config.topicPrefix(), COMPONENT, config.clock()).forEach(props::put);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.topicPrefix() + DEFAULT_APPLICATION_ID_SUFFIX);
        props.put(StreamsConfig.POLL_MS_CONFIG, config.punctuationInterval().toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), DEFAULT_PRODUCER_LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), DEFAULT_PRODUCER_COMPRESSION);
        // a coordinator killed outright keeps its partitions, so nothing of them fires, until its session times out
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), DEFAULT_SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), DEFAULT_SESSION_TIMEOUT_MS / 4);
        // the other coordinator keeps a warm copy of each task's stores: a takeover need not restore them
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, DEFAULT_STANDBY_REPLICAS);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        props.putAll(base);
        // not overridable: without it a crash between produce and commit would fire twice
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Duration poll = pollInterval(props);
        if (poll.compareTo(config.misfireThreshold()) > 0) {
            throw new IllegalArgumentException(StreamsConfig.POLL_MS_CONFIG + " " + poll.toMillis()
                    + " ms is longer than the misfireThreshold " + config.misfireThreshold());
        }
        return props;
    }

    /** The stream thread's idle poll, which bounds how often wall-clock punctuators are looked at. */
    static Duration pollInterval(Properties props) {
        return Duration.ofMillis(Long.parseLong(String.valueOf(props.get(StreamsConfig.POLL_MS_CONFIG)).trim()));
    }

    public void start() {
        log.info("fire stream {} starting", applicationId);
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The entries of the {@code due-index} store over this instance's active tasks, read through
     * interactive queries (safe from any thread): counted exactly up to {@value #EXACT_DUE_COUNT_LIMIT}
     * entries, beyond that RocksDB's estimate (which lags behind deletes until compaction, so it cannot be
     * trusted for small sets); NaN while the stores cannot be queried (starting, rebalancing, stopped).
     */
    public double dueSetSize() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                    FireTopology.DUE_INDEX_STORE, QueryableStoreTypes.keyValueStore()));
            long estimate = store.approximateNumEntries();
            if (estimate > EXACT_DUE_COUNT_LIMIT) {
                return estimate;
            }
            long counted = 0;
            try (KeyValueIterator<String, String> all = store.all()) {
                while (all.hasNext() && counted <= EXACT_DUE_COUNT_LIMIT) {
                    all.next();
                    counted++;
                }
            }
            return counted <= EXACT_DUE_COUNT_LIMIT ? counted : Math.max(estimate, counted);
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    /**
     * Whether firing has stopped per a pause or delete command, as far as this process can tell: a task of this
     * instance read the command (it holds the job), or no task of this instance runs the command's partition of
     * {@code control} (another coordinator fires that job, or none does right now).
     */
    public boolean hasStopped(String commandId, int controlPartition) {
        if (witness.hasSeen(commandId) || holdBoard.hasSeen(commandId)) {
            return true; // a task has read it, or every task of this process holds the job by its next punctuation
        }
        TopicPartition partition = new TopicPartition(controlTopic, controlPartition);
        try {
            return streams.metadataForLocalThreads().stream()
                    .flatMap(thread -> thread.activeTasks().stream())
                    .noneMatch(task -> task.topicPartitions().contains(partition));
        } catch (RuntimeException e) {
            return true; // not running: it fires nothing
        }
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
        metrics.registry().remove(dueSetSize);
        if (!streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            log.warn("fire stream {} did not close within {}", applicationId, timeout);
        }
    }
}
