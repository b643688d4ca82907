package dev.firelane.coordinator.status;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status stream: the only writer of the job database. It reads {@code control}, {@code fires} and
 * {@code runs}, applies each record with a {@link StatusApplier} and publishes the applied job on
 * {@code job-state}. Processing is at-least-once: every statement is idempotent, so a redelivery is
 * harmless. A record that cannot be read or applied goes to {@code dlq} with the reason; a transient
 * database failure is retried and, if it persists, the stream thread is replaced and reads the record again.
 */
public final class StatusStream implements AutoCloseable {
    /** The mapper interfaces the status stream needs; pass them to {@link Database#open}. */
    public static final List<Class<?>> MAPPERS = List.of(JobMapper.class, RunMapper.class, CommandMapper.class);
    /**
     * The input topics, co-partitioned: one task per partition applies the three partitions in timestamp
     * order (Kafka Streams' choice of the buffered head record with the smallest timestamp).
     */
    public static final List<Topic<String, ?>> INPUTS = List.of(Topics.CONTROL, Topics.FIRES, Topics.RUNS);
    /** Recorded as the rejecting component in dead letters. */
    public static final String COMPONENT = "status-stream";
    /**
     * How the status stream (and a replay, which must see what it saw) reads its inputs: records of aborted
     * fire-topology transactions are skipped.
     */
    public static final String ISOLATION_LEVEL = "read_committed";

    private static final Logger log = LoggerFactory.getLogger(StatusStream.class);
    private static final String APPLY = "status-apply";

    private final StatusStreamConfig config;
    private final KafkaStreams streams;

    /**
     * @param baseStreamsProperties bootstrap servers and any Streams tuning; the status stream sets its own
     *                              application id (from {@code config}), processing guarantee and error handlers
     */
    public StatusStream(Properties baseStreamsProperties, StatusStreamConfig config, Database database) {
        this.config = config;
        StatusApplier applier = new StatusApplier(database.sessions(), config.clock(), new ScheduleCalculator(),
                new JobSpecValidator(config.maxPayloadBytes(), Set.of()), StatusMetrics.of(config.meterRegistry()));
        this.streams = new KafkaStreams(topology(config, applier), streamsProperties(baseStreamsProperties, config));
        this.streams.setUncaughtExceptionHandler(failure -> {
            log.error("status stream thread died; replacing it", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** The processing graph: control, fires, runs → apply → job-state. */
    public static Topology topology(StatusStreamConfig config, StatusApplier applier) {
        String prefix = config.topicPrefix();
        ApplyRetry retry = new ApplyRetry(config.maxRetries(), config.retryBackoff(), ApplyRetry.THREAD_SLEEP);
        Topology topology = new Topology();
        List<Topic<String, ?>> inputs = INPUTS;
        String[] sources = new String[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Topic<String, ?> input = inputs.get(i);
            sources[i] = "status-" + input.baseName();
            topology.addSource(sources[i], input.keySerde().deserializer(), input.valueSerde().deserializer(),
                    input.name(prefix));
        }
        topology.addProcessor(APPLY, () -> new StatusProcessor(applier, retry), sources);
        topology.addSink("status-job-state", Topics.JOB_STATE.name(prefix), Topics.JOB_STATE.keySerde().serializer(),
                Topics.JOB_STATE.valueSerde().serializer(), APPLY);
        return topology;
    }

    /** {@code base} plus what the status stream needs: id, at-least-once, dlq handlers. */
    public static Properties streamsProperties(Properties base, StatusStreamConfig config) {
        Properties props = new Properties();
        props.putAll(base);
        // always ours: a base shared with the fire stream must not make both join one group
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // the fire topology writes fires (and abandoned outcomes on runs) in transactions: what an aborted one
        // wrote never happened, so it must never reach the database (at-least-once alone reads uncommitted)
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), ISOLATION_LEVEL);
        props.putAll(DeadLetterHandler.configs(config.topicPrefix(), COMPONENT, config.clock()));
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringProcessingHandler.class.getName());
        // no global stores here; only silences Streams' warning that the handler skips global threads
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    public void start() {
        log.info("status stream starting: {}", config);
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    @Override
    public void close() {
        // leave the group so a restarted coordinator gets its partitions at once, not after the session timeout
        streams.close(CloseOptions.timeout(config.closeTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        log.info("status stream closed");
    }
}
