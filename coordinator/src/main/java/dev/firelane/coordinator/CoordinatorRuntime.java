package dev.firelane.coordinator;

import dev.firelane.coordinator.api.ApiServer;
import dev.firelane.coordinator.api.FiringControl;
import dev.firelane.coordinator.api.ComponentHealth;
import dev.firelane.coordinator.api.HealthProbe;
import dev.firelane.coordinator.api.JobQueries;
import dev.firelane.coordinator.api.JobQueryMapper;
import dev.firelane.coordinator.api.KafkaCommandPublisher;
import dev.firelane.coordinator.fire.ControlTail;
import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.fire.HoldBoard;
import dev.firelane.coordinator.fire.FireTopologyConfig;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.stats.StatsSampler;
import dev.firelane.coordinator.status.RunRetention;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinator process, wired in one place: topics, database, status stream, fire stream and REST
 * API, all measured into one {@link PrometheusMeterRegistry} that {@code /metrics} shows. {@link #start()}
 * brings them up in that order; {@link #close()} takes them down in reverse and may be called more than once.
 */
public final class CoordinatorRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorRuntime.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final CoordinatorConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry meters;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Admin admin;
    private Database database;
    private StatusStream statusStream;
    private FireStream fireStream;
    private ApiServer api;
    private volatile boolean closed;

    /** A coordinator with a registry of its own (with the JVM's meters). */
    public CoordinatorRuntime(CoordinatorConfig config, Clock clock) {
        this(config, clock, MeterRegistries.prometheus());
    }

    /**
     * @param meters the process's one registry, when others share it (dev mode's workers); the coordinator's
     *               meters go there and {@code /metrics} shows all of it
     */
    public CoordinatorRuntime(CoordinatorConfig config, Clock clock, PrometheusMeterRegistry meters) {
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public synchronized CoordinatorRuntime start() {
        if (admin != null || closed) {
            throw new IllegalStateException("a coordinator runtime starts once");
        }
        log.info("coordinator starting: {}", config);
        if (config.apiAuth().isOpen()) {
            log.warn("THE REST API RUNS WITHOUT AUTHENTICATION: anyone who can reach {}:{} can pause, change and"
                    + " delete jobs. Configure api.tokens for anything but a local try-out.", config.apiBindAddress(),
                    config.apiPort());
        }
        try {
            admin = track(Admin.create(adminProperties()));
            if (config.createTopics()) {
                new TopicAdmin(admin).ensureTopics(config.topicPrefix(), config.partitions(), config.replicationFactor());
            }
            List<Class<?>> mappers = new ArrayList<>(StatusStream.MAPPERS);
            mappers.add(JobQueryMapper.class);
            database = track(Database.open(config.database(), mappers));
            Properties streams = streamsProperties();
            statusStream = track(new StatusStream(clientProperties(), StatusStreamConfig.builder()
                    .topicPrefix(config.topicPrefix()).clock(clock).meterRegistry(meters).build(), database));
            statusStream.start();
            track(new RunRetention(database.sessions(), config.runRetention(), clock, meters)).start();
            // the pause fast path outside Kafka Streams: positioned before the API takes its first command
            HoldBoard holdBoard = new HoldBoard();
            Properties tailProperties = new Properties();
            tailProperties.putAll(clientProperties());
            tailProperties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            track(new ControlTail(tailProperties, config.topicPrefix(),
                    config.topicPrefix() + FireStream.DEFAULT_APPLICATION_ID_SUFFIX, admin, holdBoard)).start();
            fireStream = track(new FireStream(streams, FireTopologyConfig.builder()
                    .topicPrefix(config.topicPrefix()).clock(clock).heartbeatTimeout(config.runHeartbeatTimeout())
                    .holdBoard(holdBoard).meterRegistry(meters).build()));
            fireStream.start();
            KafkaCommandPublisher publisher = track(new KafkaCommandPublisher(config.bootstrapServers(),
                    config.topicPrefix(), producerProperties()));
            FiringControl firing = command -> fireStream.hasStopped(command.commandId(),
                    publisher.partitionOf(command.jobId()));
            StatsSampler stats = track(StatsSampler.builder(meters, statusStream.runActivity()::snapshot)
                    .clock(clock).settings(config.stats()).build()).start();
            api = track(new ApiServer(config.apiConfig(), new JobQueries(database.sessions()), publisher, firing,
                    healthProbes(), clock, meters, stats)).start();
            log.info("coordinator started: API on port {}", api.port());
            return this;
        } catch (RuntimeException e) {
            log.error("coordinator failed to start: {}", e.getMessage());
            close();
            throw e;
        }
    }

    /**
     * Waits until both streams are {@code RUNNING} (tasks assigned, state restored), so the first command
     * is applied promptly. Returns false if that did not happen within {@code timeout}.
     */
    public boolean awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (statusStream.isRunning() && fireStream.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The port the REST API listens on. */
    public int apiPort() {
        requireStarted();
        return api.port();
    }

    public Database database() {
        requireStarted();
        return database;
    }

    public CoordinatorConfig config() {
        return config;
    }

    /** The registry the coordinator measures into (the process's one). */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Stops the API, the streams, the database and the admin client, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("coordinator stopped");
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    private void requireStarted() {
        if (api == null) {
            throw new IllegalStateException("the coordinator runtime is not started");
        }
    }

    private Properties streamsProperties() {
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        // no global stores; says so explicitly, which also silences Streams' warning about the default
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (config.instanceId() != null) {
            // static membership (Streams appends the thread index)
            props.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    config.instanceId() + "-fire");
        }
        return props;
    }

    /** The extra properties an admin client understands (security settings…), plus the bootstrap servers. */
    private Properties adminProperties() {
        Properties props = only(AdminClientConfig.configNames());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.topicPrefix() + "coordinator-admin");
        return props;
    }

    /** What every Kafka client of the coordinator needs: the bootstrap servers and the client settings configured. */
    private Map<String, Object> clientProperties() {
        Map<String, Object> out = new java.util.HashMap<>();
        Set<String> names = new HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        only(names).forEach((k, v) -> out.put(k.toString(), v));
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        if (config.instanceId() != null) {
            out.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId() + "-status");
        }
        return out;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> out = new java.util.HashMap<>();
        only(ProducerConfig.configNames()).forEach((k, v) -> out.put(k.toString(), v));
        out.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        return out;
    }

    private Properties only(java.util.Set<String> names) {
        Properties out = new Properties();
        config.streamsProperties().forEach((k, v) -> {
            if (names.contains(k.toString())) {
                out.put(k, v);
            }
        });
        return out;
    }

    private List<HealthProbe> healthProbes() {
        return List.of(this::kafkaHealth,
                () -> database.isReachable() ? ComponentHealth.up("database", "reachable")
                        : ComponentHealth.down("database", "unreachable"),
                this::statusStreamHealth,
                () -> streamHealth("fireStream", fireStream::state));
    }

    private ComponentHealth kafkaHealth() {
        try {
            int brokers = admin.describeCluster().nodes().get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return ComponentHealth.up("kafka", brokers + " broker(s) at " + config.bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("kafka", "interrupted");
        } catch (Exception e) {
            return ComponentHealth.down("kafka", "unreachable at " + config.bootstrapServers() + ": " + e);
        }
    }

    private ComponentHealth statusStreamHealth() {
        return statusStream.isRunning() ? ComponentHealth.up("statusStream", statusStream.detail())
                : statusStream.hasDied() ? ComponentHealth.fatal("statusStream", statusStream.detail())
                : ComponentHealth.down("statusStream", statusStream.detail());
    }

    /**
     * Up only while {@code RUNNING}: while the stream rebalances (at a start, or waiting for a dead member's session
     * to time out) nothing of it fires, so the coordinator is not ready. Fatal once in {@code ERROR} (every stream
     * thread died), or stopped while this runtime still runs: only a restart brings it back.
     */
    private ComponentHealth streamHealth(String name, Supplier<KafkaStreams.State> state) {
        KafkaStreams.State s = state.get();
        if (s == KafkaStreams.State.RUNNING) {
            return ComponentHealth.up(name, s.name());
        }
        boolean dead = s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                || (s == KafkaStreams.State.NOT_RUNNING && !closed);
        return dead ? ComponentHealth.fatal(name, s.name())
                : ComponentHealth.down(name, s.name() + (s == KafkaStreams.State.REBALANCING ? " (not firing yet)" : ""));
    }
}
