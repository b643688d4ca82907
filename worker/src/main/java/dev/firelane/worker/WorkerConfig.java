package dev.firelane.worker;

import dev.firelane.protocol.Topics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link Worker} connects and how much it runs at once. Build with {@link #builder(String)};
 * validated when built.
 */
public final class WorkerConfig {
    public static final String DEFAULT_GROUP_ID = "firelane-workers";
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 8;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /**
     * A run is reported {@code Started} once it has run this long; a run that ends sooner is reported only by its
     * {@code Completed}, which carries its start time. Most runs are short: this saves a third of the run events
     * (each produced, stored, read by the coordinator twice and applied) at the price of sub-second runs never
     * showing as running.
     */
    public static final Duration DEFAULT_STARTED_DELAY = Duration.ofSeconds(1);
    /**
     * A run still going after this no longer holds back its partition's committed offset (see
     * {@link #handoverAfter()}). Long enough that the usual runs are redelivered to another worker if this one
     * dies, short enough that one stuck handler does not stop a partition's commits.
     */
    public static final Duration DEFAULT_HANDOVER_AFTER = Duration.ofMinutes(1);
    public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(2);
    /**
     * The consumer session timeout unless set: a worker killed without leaving its group gives its fires up
     * after this, well within the coordinator's default heartbeat timeout (30 s), so they are redelivered
     * and complete on another worker instead of being marked abandoned. Kafka's own default is 45 s.
     */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 15_000;

    /** Consumer settings the worker's offset handling depends on; extra properties may not change them. */
    static final Map<String, String> FIXED_CONSUMER_SETTINGS = Map.of(
            "enable.auto.commit", "false",
            "isolation.level", "read_committed");

    private final String bootstrapServers;
    private final String topicPrefix;
    private final String groupId;
    private final String workerId;
    private final int maxConcurrentRuns;
    private final Duration drainTimeout;
    private final Duration pollTimeout;
    private final Duration heartbeatInterval;
    private final Duration startedDelay;
    private final boolean staticMembership;
    private final Duration handoverAfter;
    private final Duration cancelGrace;
    private final Duration interruptGrace;
    private final Properties consumerProperties;
    private final Properties producerProperties;

    private WorkerConfig(Builder b) {
        this.bootstrapServers = require(b.bootstrapServers, "bootstrapServers");
        this.topicPrefix = Objects.requireNonNull(b.topicPrefix, "topicPrefix");
        this.groupId = require(b.groupId, "groupId");
        this.workerId = b.workerId == null ? defaultWorkerId() : require(b.workerId, "workerId");
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        this.drainTimeout = Objects.requireNonNull(b.drainTimeout, "drainTimeout");
        this.pollTimeout = Objects.requireNonNull(b.pollTimeout, "pollTimeout");
        this.heartbeatInterval = positive(b.heartbeatInterval, "heartbeatInterval");
        this.startedDelay = notNegative(b.startedDelay, "startedDelay");
        this.staticMembership = b.staticMembership;
        this.handoverAfter = positive(b.handoverAfter, "handoverAfter");
        this.cancelGrace = notNegative(b.cancelGrace, "cancelGrace");
        this.interruptGrace = notNegative(b.interruptGrace, "interruptGrace");
        this.consumerProperties = copy(b.consumerProperties);
        this.producerProperties = copy(b.producerProperties);
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException("maxConcurrentRuns must be >= 1, got " + maxConcurrentRuns);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
        }
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, got " + pollTimeout);
        }
        FIXED_CONSUMER_SETTINGS.forEach((key, value) -> {
            Object given = consumerProperties.get(key);
            if (given != null && !value.equalsIgnoreCase(given.toString())) {
                throw new IllegalArgumentException("consumer property " + key + " must be " + value
                        + " (offsets are committed only after a fire's completion is published), got " + given);
            }
        });
    }

    /** A builder with every default; {@code bootstrapServers} is the Kafka cluster, e.g. {@code localhost:9092}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public String groupId() {
        return groupId;
    }

    /** Identifies this worker in run events, dead letters, logs and Kafka client ids. */
    public String workerId() {
        return workerId;
    }

    public int maxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    /** How long {@link Worker#close()} waits for runs in flight before leaving them to be redelivered. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** How long one consumer poll waits for fires. */
    public Duration pollTimeout() {
        return pollTimeout;
    }

    /** How often the worker publishes a {@code Heartbeat} for each run it has in flight. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long a run goes on before it is reported {@code Started}; zero reports every run as it starts. */
    public Duration startedDelay() {
        return startedDelay;
    }

    /**
     * Whether the worker joins its group as a static member under its worker id ({@code group.instance.id}): a
     * worker restarted under the same id after a crash gets its partitions back at once instead of after the dead
     * member's session timeout. Only for worker ids that stay the same across restarts (a StatefulSet pod's name,
     * {@code firelane dev}); a worker stopped on purpose leaves the group either way.
     */
    public boolean staticMembership() {
        return staticMembership;
    }

    /**
     * How long a run holds back its partition's committed offset. A fire's offset is committed once its outcome
     * is on the broker, so a worker that dies leaves its fires to be redelivered; but a run that goes on and on
     * (no timeout, a handler that never returns) would hold every later fire of its partition uncommitted, and a
     * rebalance would run them all again. A run reported {@code Started} and still going after this is handed over:
     * its offset counts as done, and from then on the coordinator follows it by its heartbeats (if this worker
     * dies, the fire is marked {@code abandoned} after {@code runs.heartbeat.timeout} and retried under the job's
     * policy, rather than redelivered).
     */
    public Duration handoverAfter() {
        return handoverAfter;
    }

    /** How long a cancelled run may take to stop by itself before its thread is interrupted. */
    public Duration cancelGrace() {
        return cancelGrace;
    }

    /**
     * How long an interrupted run (past its deadline, or cancelled and past {@link #cancelGrace()}) may take
     * to stop before the worker reports it and gives up on its thread.
     */
    public Duration interruptGrace() {
        return interruptGrace;
    }

    /** Extra Kafka consumer properties (a copy), applied over the worker's defaults. */
    public Properties consumerProperties() {
        return copy(consumerProperties);
    }

    /** Extra Kafka producer properties (a copy), applied over the worker's defaults. */
    public Properties producerProperties() {
        return copy(producerProperties);
    }

    @Override
    public String toString() {
        return "WorkerConfig[workerId=" + workerId + ", bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", groupId=" + groupId + ", maxConcurrentRuns=" + maxConcurrentRuns + ", drainTimeout=" + drainTimeout
                + ", pollTimeout=" + pollTimeout + ", heartbeatInterval=" + heartbeatInterval + ", startedDelay=" + startedDelay + ", staticMembership=" + staticMembership + ", handoverAfter=" + handoverAfter + ", cancelGrace="
                + cancelGrace + ", interruptGrace=" + interruptGrace + ", consumer=" + masked(consumerProperties)
                + ", producer=" + masked(producerProperties) + "]";
    }

    static String defaultWorkerId() {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000) | 0x10000).substring(1);
        return hostName() + "-" + ProcessHandle.current().pid() + "-" + suffix;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String jvm = ManagementFactory.getRuntimeMXBean().getName();
            int at = jvm.indexOf('@');
            return at < 0 ? "worker" : jvm.substring(at + 1);
        }
    }

    private static Map<String, Object> masked(Properties properties) {
        Map<String, Object> out = new TreeMap<>();
        properties.forEach((key, value) -> {
            String name = key.toString().toLowerCase(Locale.ROOT);
            boolean secret = name.contains("password") || name.contains("jaas") || name.contains("secret") || name.contains("key");
            out.put(key.toString(), secret && !name.endsWith("serializer") ? "****" : value);
        });
        return out;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    private static Properties copy(Properties from) {
        Properties to = new Properties();
        to.putAll(from);
        return to;
    }

    /** Builds a {@link WorkerConfig}; every setting but the bootstrap servers has a default. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topicPrefix = Topics.DEFAULT_PREFIX;
        private String groupId = DEFAULT_GROUP_ID;
        private String workerId;
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration startedDelay = DEFAULT_STARTED_DELAY;
        private boolean staticMembership;
        private Duration handoverAfter = DEFAULT_HANDOVER_AFTER;
        private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
        private Duration interruptGrace = DEFAULT_INTERRUPT_GRACE;
        private final Properties consumerProperties = new Properties();
        private final Properties producerProperties = new Properties();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** Topic name prefix; default {@link Topics#DEFAULT_PREFIX}. */
        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        /** Consumer group shared by all workers of a deployment; default {@value WorkerConfig#DEFAULT_GROUP_ID}. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** Default: {@code host-pid-xxxx} with a short random suffix. */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /** At most this many handlers run at once; default {@value WorkerConfig#DEFAULT_MAX_CONCURRENT_RUNS}. */
        public Builder maxConcurrentRuns(int maxConcurrentRuns) {
            this.maxConcurrentRuns = maxConcurrentRuns;
            return this;
        }

        /** Default 30 s. */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** Default 100 ms. */
        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /** Default 5 s; keep it well below the coordinator's heartbeat timeout (default 30 s). */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** See {@link WorkerConfig#handoverAfter()}; default {@link #DEFAULT_HANDOVER_AFTER}. */
        public Builder handoverAfter(Duration handoverAfter) {
            this.handoverAfter = handoverAfter;
            return this;
        }

        /** See {@link WorkerConfig#staticMembership()}; off by default. */
        public Builder staticMembership(boolean staticMembership) {
            this.staticMembership = staticMembership;
            return this;
        }

        /** Default 1 s; zero reports every run {@code Started} as it starts. See {@link #DEFAULT_STARTED_DELAY}. */
        public Builder startedDelay(Duration startedDelay) {
            this.startedDelay = startedDelay;
            return this;
        }

        /** Default 3 s. */
        public Builder cancelGrace(Duration cancelGrace) {
            this.cancelGrace = cancelGrace;
            return this;
        }

        /** Default 2 s. */
        public Builder interruptGrace(Duration interruptGrace) {
            this.interruptGrace = interruptGrace;
            return this;
        }

        /** Adds a Kafka consumer property (e.g. security settings), applied over the worker's defaults. */
        public Builder consumerProperty(String key, Object value) {
            consumerProperties.put(key, value);
            return this;
        }

        /** Adds Kafka consumer properties, applied over the worker's defaults. */
        public Builder consumerProperties(Properties properties) {
            consumerProperties.putAll(properties);
            return this;
        }

        /** Adds a Kafka producer property, applied over the worker's defaults. */
        public Builder producerProperty(String key, Object value) {
            producerProperties.put(key, value);
            return this;
        }

        /** Adds Kafka producer properties, applied over the worker's defaults. */
        public Builder producerProperties(Properties properties) {
            producerProperties.putAll(properties);
            return this;
        }

        public WorkerConfig build() {
            return new WorkerConfig(this);
        }
    }
}
