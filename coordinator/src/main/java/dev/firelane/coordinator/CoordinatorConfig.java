package dev.firelane.coordinator;

import dev.firelane.coordinator.api.ApiConfig;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.fire.FireTopologyConfig;
import dev.firelane.coordinator.stats.StatsSettings;
import dev.firelane.coordinator.status.RunRetention;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Settings of a coordinator process. Build with {@link #builder()}; {@code build()} validates.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param topicPrefix       prefix of every Firelane topic name (and of the Streams application ids)
 * @param partitions        partitions of every Firelane topic (they must be co-partitioned)
 * @param replicationFactor replication factor of topics this coordinator creates
 * @param createTopics      whether to create missing topics at start (off when operators manage them)
 * @param database          the job database
 * @param stateDir          Kafka Streams state directory (RocksDB stores); keep it on local disk
 * @param apiBindAddress    interface the REST API listens on
 * @param apiPort           REST API port; 0 picks a free one
 * @param knownHandlers     handler names jobs may use; empty accepts any well-formed name
 * @param commandTimeout    how long a state-changing API call waits for its command to be applied
 * @param apiAuth           who may call the REST API: bearer tokens, or open (the builder's default)
 * @param streamsProperties extra Kafka client/Streams properties (security, tuning); passed to the
 *                          streams, and those that apply also to the admin client and the API's producer
 * @param runHeartbeatTimeout a fire a worker reported is marked {@code abandoned} when nothing more is heard
 *                          of it for this long (see {@code FireTopology})
 * @param runRetention      how much run history ({@code job_runs}) is kept
 * @param apiBulkMaxItems   most jobs one {@code POST /api/jobs/bulk} may carry
 * @param apiBulkMaxBodyBytes largest body of {@code POST /api/jobs/bulk}
 * @param instanceId        a name of this coordinator that stays the same across its restarts (a StatefulSet
 *                          pod's name; {@code firelane dev} sets one), unique among the coordinators: static group
 *                          membership, so that a coordinator restarted after a crash takes its partitions back at
 *                          once instead of after the dead member's session timeout. Null: dynamic membership
 * @param stats             how often the dashboard's System view is sampled and how much of it is kept
 */
public record CoordinatorConfig(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                                boolean createTopics, DatabaseConfig database, Path stateDir, String apiBindAddress,
                                int apiPort, Set<String> knownHandlers, Duration commandTimeout,
                                Properties streamsProperties, Duration runHeartbeatTimeout, ApiAuth apiAuth,
                                RunRetention.Policy runRetention, int apiBulkMaxItems, int apiBulkMaxBodyBytes,
                                String instanceId, StatsSettings stats) {
    public static final String DEFAULT_TOPIC_PREFIX = Topics.DEFAULT_PREFIX;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final boolean DEFAULT_CREATE_TOPICS = true;
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "firelane-state");
    public static final String DEFAULT_API_BIND_ADDRESS = ApiConfig.DEFAULT_BIND_ADDRESS;
    public static final int DEFAULT_API_PORT = ApiConfig.DEFAULT_PORT;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = ApiConfig.DEFAULT_COMMAND_TIMEOUT;
    public static final Duration DEFAULT_RUN_HEARTBEAT_TIMEOUT = FireTopologyConfig.DEFAULT_HEARTBEAT_TIMEOUT;
    public static final int DEFAULT_API_BULK_MAX_ITEMS = ApiConfig.DEFAULT_MAX_BULK_ITEMS;
    public static final int DEFAULT_API_BULK_MAX_BODY_BYTES = ApiConfig.DEFAULT_MAX_BULK_BODY_BYTES;

    /** Kafka's legal topic characters; the prefix becomes part of every topic name. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,200}");
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public CoordinatorConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (!PREFIX.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("topicPrefix may only hold letters, digits, '.', '_' and '-'; got '"
                    + topicPrefix + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1; got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1; got " + replicationFactor);
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(stateDir, "stateDir");
        if (instanceId != null && !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId may only hold 1 to 200 letters, digits, '.', '_' and '-'; got '"
                    + instanceId + "'");
        }
        Objects.requireNonNull(apiBindAddress, "apiBindAddress");
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("apiPort must be 0..65535; got " + apiPort);
        }
        knownHandlers = Set.copyOf(Objects.requireNonNull(knownHandlers, "knownHandlers"));
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout must be positive; got " + commandTimeout);
        }
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(streamsProperties, "streamsProperties"));
        streamsProperties = copy;
        Objects.requireNonNull(apiAuth, "apiAuth");
        Objects.requireNonNull(runHeartbeatTimeout, "runHeartbeatTimeout");
        if (runHeartbeatTimeout.isZero() || runHeartbeatTimeout.isNegative()) {
            throw new IllegalArgumentException("runHeartbeatTimeout must be positive; got " + runHeartbeatTimeout);
        }
        Objects.requireNonNull(runRetention, "runRetention");
        Objects.requireNonNull(stats, "stats");
        if (apiBulkMaxItems < 1) {
            throw new IllegalArgumentException("apiBulkMaxItems must be >= 1; got " + apiBulkMaxItems);
        }
        if (apiBulkMaxBodyBytes < ApiConfig.DEFAULT_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("apiBulkMaxBodyBytes must be at least " + ApiConfig.DEFAULT_MAX_BODY_BYTES
                    + " (the limit of every other request); got " + apiBulkMaxBodyBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The REST API settings this config implies. */
    public ApiConfig apiConfig() {
        return ApiConfig.builder().bindAddress(apiBindAddress).port(apiPort).knownHandlers(knownHandlers)
                .commandTimeout(commandTimeout).auth(apiAuth).maxBulkItems(apiBulkMaxItems)
                .maxBulkBodyBytes(apiBulkMaxBodyBytes).build();
    }

    /** A copy of the extra properties (callers may not change this config's). */
    @Override
    public Properties streamsProperties() {
        Properties copy = new Properties();
        copy.putAll(streamsProperties);
        return copy;
    }

    @Override
    public String toString() {
        // property values may hold secrets (sasl.jaas.config…): log their names only
        return "CoordinatorConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor + ", createTopics="
                + createTopics + ", database=" + database + ", stateDir=" + stateDir + ", api=" + apiBindAddress + ":"
                + apiPort + ", apiAuth=" + apiAuth + ", knownHandlers=" + new TreeSet<>(knownHandlers)
                + ", commandTimeout=" + commandTimeout
                + ", streamsProperties=" + new TreeSet<>(streamsProperties.stringPropertyNames())
                + ", runHeartbeatTimeout=" + runHeartbeatTimeout + ", runRetention=" + runRetention
                + ", apiBulkMaxItems=" + apiBulkMaxItems + ", apiBulkMaxBodyBytes=" + apiBulkMaxBodyBytes
                + ", instanceId=" + instanceId + ", stats=" + stats + "]";
    }

    /** Builder with the {@code DEFAULT_*} values; {@code bootstrapServers} and {@code database} are required. */
    public static final class Builder {
        private String bootstrapServers;
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private int partitions = DEFAULT_PARTITIONS;
        private String instanceId;
        private short replicationFactor = DEFAULT_REPLICATION_FACTOR;
        private boolean createTopics = DEFAULT_CREATE_TOPICS;
        private DatabaseConfig database;
        private Path stateDir = DEFAULT_STATE_DIR;
        private String apiBindAddress = DEFAULT_API_BIND_ADDRESS;
        private int apiPort = DEFAULT_API_PORT;
        private Set<String> knownHandlers = Set.of();
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private final Properties streamsProperties = new Properties();
        private Duration runHeartbeatTimeout = DEFAULT_RUN_HEARTBEAT_TIMEOUT;
        private ApiAuth apiAuth = ApiAuth.open();
        private RunRetention.Policy runRetention = RunRetention.Policy.defaults();
        private int apiBulkMaxItems = DEFAULT_API_BULK_MAX_ITEMS;
        private int apiBulkMaxBodyBytes = DEFAULT_API_BULK_MAX_BODY_BYTES;
        private StatsSettings stats = StatsSettings.defaults();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("replicationFactor is too large: " + replicationFactor);
            }
            this.replicationFactor = (short) replicationFactor;
            return this;
        }

        public Builder createTopics(boolean createTopics) {
            this.createTopics = createTopics;
            return this;
        }

        public Builder database(DatabaseConfig database) {
            this.database = database;
            return this;
        }

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder apiBindAddress(String apiBindAddress) {
            this.apiBindAddress = apiBindAddress;
            return this;
        }

        public Builder apiPort(int apiPort) {
            this.apiPort = apiPort;
            return this;
        }

        public Builder knownHandlers(Set<String> knownHandlers) {
            this.knownHandlers = knownHandlers;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** Adds one extra Kafka property (later calls win). */
        public Builder streamsProperty(String name, Object value) {
            this.streamsProperties.put(name, value);
            return this;
        }

        public Builder streamsProperties(Properties properties) {
            this.streamsProperties.putAll(properties);
            return this;
        }

        public Builder runHeartbeatTimeout(Duration runHeartbeatTimeout) {
            this.runHeartbeatTimeout = runHeartbeatTimeout;
            return this;
        }

        public Builder apiAuth(ApiAuth apiAuth) {
            this.apiAuth = apiAuth;
            return this;
        }

        public Builder runRetention(RunRetention.Policy runRetention) {
            this.runRetention = runRetention;
            return this;
        }

        public Builder apiBulkMaxItems(int apiBulkMaxItems) {
            this.apiBulkMaxItems = apiBulkMaxItems;
            return this;
        }

        public Builder apiBulkMaxBodyBytes(int apiBulkMaxBodyBytes) {
            this.apiBulkMaxBodyBytes = apiBulkMaxBodyBytes;
            return this;
        }

        /** See {@link CoordinatorConfig#instanceId()}; null (the default) for dynamic group membership. */
        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder stats(StatsSettings stats) {
            this.stats = stats;
            return this;
        }

        public CoordinatorConfig build() {
            return new CoordinatorConfig(bootstrapServers, topicPrefix, partitions, replicationFactor, createTopics,
                    database, stateDir, apiBindAddress, apiPort, knownHandlers, commandTimeout, streamsProperties,
                    runHeartbeatTimeout, apiAuth, runRetention, apiBulkMaxItems, apiBulkMaxBodyBytes, instanceId,
                    stats);
        }
    }
}
