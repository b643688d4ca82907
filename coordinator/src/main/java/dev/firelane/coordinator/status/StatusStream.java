package dev.firelane.coordinator.status;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status stream: the only writer of the job database. It reads {@code control}, {@code fires} and
 * {@code runs}, applies them in batches with a {@link StatusApplier} and publishes the applied jobs on
 * {@code job-state}; records that cannot be applied go to {@code dlq} with the reason.
 *
 * <p>It is a plain consumer loop ({@link StatusLoop}), not a Kafka Streams processor: Streams hands a processor
 * one record at a time in timestamp order and commits offsets on its own schedule, while the status stream needs
 * to apply what it polled as one database transaction, commit the offsets only after that transaction, and let a
 * command jump the queued run events of other jobs — none of which a processor controls.
 *
 * <p>Members of the group ({@code applicationId}) share the partitions with the range assignor, which gives the
 * same partition number of the three co-partitioned topics to the same member: each job's records are applied by
 * one member, in order.
 */
public final class StatusStream implements AutoCloseable {
    /** The mapper interfaces the status stream needs; pass them to {@link Database#open}. */
    public static final List<Class<?>> MAPPERS = List.of(JobMapper.class, RunMapper.class, CommandMapper.class,
            RetentionMapper.class);
    /** The input topics, co-partitioned; on equal timestamps a record of an earlier one applies first. */
    public static final List<Topic<String, ?>> INPUTS = List.of(Topics.CONTROL, Topics.FIRES, Topics.RUNS);
    /** Recorded as the rejecting component in dead letters. */
    public static final String COMPONENT = "status-stream";
    /**
     * How the status stream (and a replay, which must see what it saw) reads its inputs: records of aborted
     * fire-topology transactions are skipped.
     */
    public static final String ISOLATION_LEVEL = "read_committed";

    private static final Logger log = LoggerFactory.getLogger(StatusStream.class);

    private final StatusStreamConfig config;
    private final RunActivity runActivity;
    private final KafkaProducer<byte[], byte[]> producer;
    private final StatusLoop loop;
    private final Thread thread;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param kafka bootstrap servers and any client settings (security…) for the consumer and the producer; the
     *              status stream sets its own group, isolation level, serializers and commit mode
     */
    public StatusStream(Map<String, Object> kafka, StatusStreamConfig config, Database database) {
        this.config = config;
        StatusMetrics metrics = StatusMetrics.of(config.meterRegistry());
        this.runActivity = metrics.runActivity();
        StatusApplier applier = new StatusApplier(database.sessions(), config.clock(), new ScheduleCalculator(),
                new JobSpecValidator(config.maxPayloadBytes(), Set.of()), metrics);
        this.producer = new KafkaProducer<>(producerProperties(kafka, config), new ByteArraySerializer(),
                new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka, config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.loop = new StatusLoop(consumer, new StatusOutput(producer, config.topicPrefix(), config.clock()),
                new BatchRunner(applier), config, metrics, inputs(config.topicPrefix()));
        this.thread = new Thread(loop, "firelane-status-stream");
        this.thread.setDaemon(true);
    }

    /** The consumer settings: {@code kafka} plus what the status stream needs, which {@code kafka} cannot override. */
    public static Map<String, Object> consumerProperties(Map<String, Object> kafka, StatusStreamConfig config) {
        Map<String, Object> props = new LinkedHashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the fire topology writes fires (and abandoned outcomes on runs) in transactions: what an aborted one
        // wrote never happened, so it must never reach the database
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
        // co-partitioning: the same partition number of every input topic to the same member
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchEvents());
        // read ahead in large steps: a backlog is read quickly, so a command behind it is seen quickly
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // nothing is applied for the partitions of a coordinator killed outright until its session times out
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, FireStream.DEFAULT_SESSION_TIMEOUT_MS);
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, FireStream.DEFAULT_SESSION_TIMEOUT_MS / 4);
        return props;
    }

    /** The producer settings for job-state and dlq: acknowledged by all replicas, idempotent, batched. */
    public static Map<String, Object> producerProperties(Map<String, Object> kafka, StatusStreamConfig config) {
        Map<String, Object> props = new LinkedHashMap<>(kafka);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    private static Map<String, Topic<String, ?>> inputs(String prefix) {
        Map<String, Topic<String, ?>> byName = new LinkedHashMap<>();
        INPUTS.forEach(topic -> byName.put(topic.name(prefix), topic));
        return byName;
    }

    /** The fires waiting for a worker and the runs in flight by worker, as this status stream applied them. */
    public RunActivity runActivity() {
        return runActivity;
    }

    public synchronized void start() {
        log.info("status stream starting: {}", config);
        started = true;
        thread.start();
    }

    /** RUNNING once it has partitions and its last batch (if any) applied; RETRYING while a batch keeps failing. */
    public String state() {
        return loop.state().name();
    }

    /** The state, with the reason a batch is being retried. */
    public String detail() {
        return loop.detail();
    }

    /** Started and applying (or ready to): not stopped, not stuck on a failing database. */
    public boolean isRunning() {
        return loop.state() == StatusLoop.State.RUNNING;
    }

    /** Stopped while nobody closed it (its loop ended on an error): only a restart brings it back. */
    public boolean hasDied() {
        return started && !closed && loop.state() == StatusLoop.State.STOPPED;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            loop.closeUnstarted();
            producer.close(Duration.ZERO);
            return;
        }
        loop.stop();
        try {
            thread.join(config.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("status stream did not stop within {}", config.closeTimeout());
        }
        producer.close(Duration.ofSeconds(5));
        log.info("status stream closed");
    }
}
