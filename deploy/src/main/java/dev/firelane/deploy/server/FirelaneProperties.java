package dev.firelane.deploy.server;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.TokenSpecs;
import dev.firelane.coordinator.stats.StatsSettings;
import dev.firelane.coordinator.status.RunRetention;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.Schedules;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.WorkerException;
import dev.firelane.worker.handlers.http.HttpHandler;
import dev.firelane.worker.handlers.http.AllowList;
import dev.firelane.worker.handlers.http.HttpHandlerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --config} file of {@code firelane coordinator} and {@code firelane worker} (and of
 * {@code firelane replay}, which reads the Kafka, topic and database keys, and of {@code firelane db}, which reads the
 * database keys): a Java properties file. Every key, its default and its variable are in
 * {@code docs/configuration.md}, with a commented example in {@code deploy/config/firelane.properties.example};
 * {@link #KEYS} is the list the docs are checked against.
 * Unknown keys are refused, so a typo does not silently fall back to a default. The coordinator refuses to
 * start without API tokens unless {@code api.auth=off} says so, and refuses the example file's placeholder
 * secrets.
 *
 * <p>Every key can also come from the environment, which wins over the file (a container's way): {@code FIRELANE_}
 * and the key upper-cased with dots as underscores ({@code db.password} is {@code FIRELANE_DB_PASSWORD},
 * {@code kafka.sasl.jaas.config} is {@code FIRELANE_KAFKA_SASL_JAAS_CONFIG}), and {@code FIRELANE_<KEY>_FILE}
 * names a file holding the value (a mounted secret). A {@code FIRELANE_} variable that names no key is refused
 * like an unknown key, but for the launcher's own ({@link #launcherVariables()}).
 */
public final class FirelaneProperties {
    static final String KAFKA_PREFIX = "kafka.";
    static final Set<String> KEYS = Set.of("kafka.bootstrap.servers", "topic.prefix", "partitions",
            "replication.factor", "topics.create", "db.url", "db.user", "db.password", "db.pool.size", "api.bind",
            "api.port", "api.handlers", "api.command.timeout", "api.bulk.max.items", "api.bulk.max.bytes", "api.auth",
            "api.tokens", "api.tokens.file", "state.dir", "coordinator.instance.id", "worker.static.membership",
            "worker.id", "worker.group", "worker.concurrency", "worker.drain.timeout", "runs.heartbeat.timeout",
            "runs.retention.age", "runs.retention.per.job", "runs.retention.interval", "stats.interval", "stats.window",
            "worker.heartbeat.interval", "worker.started.delay", "worker.handover.after", "worker.cancel.grace", "worker.http.allow", "worker.http.timeout",
            "worker.metrics.port", "worker.handlers.dir");
    /** Marks the example file's secrets; a config still holding one is refused. */
    static final String PLACEHOLDER = "CHANGE-ME";

    private final Properties props;
    private final String source;

    FirelaneProperties(Properties props, String source) {
        this.props = props;
        this.source = source;
        for (String key : props.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith(KAFKA_PREFIX)) {
                throw new FirelaneException(source + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", new TreeSet<>(KEYS)) + ", and kafka.<client property>");
            }
        }
    }

    /** {@code file} with the process environment's {@code FIRELANE_*} variables over it. */
    public static FirelaneProperties load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * The configuration of a process: {@code file} (if not null, else the one {@code FIRELANE_CONFIG} names, if any)
     * with {@code env}'s {@code FIRELANE_*} variables over it.
     */
    public static FirelaneProperties load(Path file, Map<String, String> env) {
        Path source = file != null ? file
                : env.containsKey("FIRELANE_CONFIG") ? Path.of(env.get("FIRELANE_CONFIG").trim()) : null;
        Properties props = new Properties();
        if (source != null) {
            try (Reader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new FirelaneException("cannot read config file " + source + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> fromEnv = ConfigEnvironment.keys(env);
        props.putAll(fromEnv);
        String name = source == null ? "the environment (no config file)"
                : fromEnv.isEmpty() ? source.toString() : source + " and the environment";
        return new FirelaneProperties(props, name);
    }

    /**
     * The configuration of {@code firelane coordinator} or {@code worker}: {@code --config} (may be null) and the
     * process environment; refused when neither names anything.
     */
    public static FirelaneProperties ofProcess(Path config) {
        if (config == null && !configuredIn(System.getenv())) {
            throw new FirelaneException("no configuration: give --config FILE, or set FIRELANE_CONFIG=FILE, or"
                    + " FIRELANE_* variables (FIRELANE_KAFKA_BOOTSTRAP_SERVERS, FIRELANE_DB_URL, …)");
        }
        return load(config);
    }

    /** Whether {@code env} holds any configuration, so that a command may do without a config file. */
    public static boolean configuredIn(Map<String, String> env) {
        return env.containsKey("FIRELANE_CONFIG") || !ConfigEnvironment.keys(env).isEmpty();
    }

    /** This configuration with {@code key} set to {@code value} by the command-line option {@code option}. */
    FirelaneProperties withOption(String key, String value, String option) {
        Properties copy = new Properties();
        copy.putAll(props);
        copy.setProperty(key, value);
        return new FirelaneProperties(copy, source + " and " + option);
    }

    /** Every key of the file and the environment but the {@code kafka.<client property>} ones. */
    public static Set<String> knownKeys() {
        return KEYS;
    }

    /** The {@code FIRELANE_} variables of the launcher and the image, which are not configuration and are let through. */
    public static Set<String> launcherVariables() {
        return ConfigEnvironment.LAUNCHER_VARIABLES;
    }

    /** The environment variable that sets {@code key}: {@code db.password} is {@code FIRELANE_DB_PASSWORD}. */
    public static String environmentVariable(String key) {
        return ConfigEnvironment.variableOf(key);
    }

    /**
     * The key {@code name} sets ({@code FIRELANE_DB_PASSWORD} sets {@code db.password}, and so does
     * {@code FIRELANE_DB_PASSWORD_FILE}); an {@link IllegalArgumentException} naming the variable if it sets none.
     */
    public static String keyOfEnvironmentVariable(String name) {
        return ConfigEnvironment.keyOf(name);
    }

    public CoordinatorConfig coordinatorConfig() {
        CoordinatorConfig.Builder b = CoordinatorConfig.builder()
                .bootstrapServers(required("kafka.bootstrap.servers"))
                .database(databaseConfig())
                .topicPrefix(get("topic.prefix", CoordinatorConfig.DEFAULT_TOPIC_PREFIX))
                .partitions(integer("partitions", CoordinatorConfig.DEFAULT_PARTITIONS))
                .replicationFactor(integer("replication.factor", CoordinatorConfig.DEFAULT_REPLICATION_FACTOR))
                .createTopics(bool("topics.create", CoordinatorConfig.DEFAULT_CREATE_TOPICS))
                .apiBindAddress(get("api.bind", CoordinatorConfig.DEFAULT_API_BIND_ADDRESS))
                .apiPort(integer("api.port", CoordinatorConfig.DEFAULT_API_PORT))
                .knownHandlers(list("api.handlers"))
                .apiAuth(apiAuth())
                .apiBulkMaxItems(integer("api.bulk.max.items", CoordinatorConfig.DEFAULT_API_BULK_MAX_ITEMS))
                .apiBulkMaxBodyBytes(integer("api.bulk.max.bytes", CoordinatorConfig.DEFAULT_API_BULK_MAX_BODY_BYTES))
                .streamsProperties(kafkaClientProperties());
        ifSet("api.command.timeout", k -> b.commandTimeout(duration(k)));
        ifSet("coordinator.instance.id", k -> b.instanceId(props.getProperty(k).trim()));
        ifSet("state.dir", k -> b.stateDir(Path.of(props.getProperty(k).trim())));
        ifSet("runs.heartbeat.timeout", k -> b.runHeartbeatTimeout(duration(k)));
        b.runRetention(build(this::runRetention));
        b.stats(build(() -> new StatsSettings(
                props.containsKey("stats.interval") ? duration("stats.interval") : StatsSettings.DEFAULT_INTERVAL,
                props.containsKey("stats.window") ? duration("stats.window") : StatsSettings.DEFAULT_WINDOW)));
        return build(b::build);
    }

    /** {@code db.url} (required), {@code db.user}, {@code db.password}, {@code db.pool.size}. */
    public DatabaseConfig databaseConfig() {
        String url = required("db.url");
        return build(() -> new DatabaseConfig(url, get("db.user", ""), get("db.password", ""),
                integer("db.pool.size", DatabaseConfig.DEFAULT_MAX_POOL_SIZE)));
    }

    /** {@code runs.retention.age} (a duration, or {@code off}), {@code .per.job} (0 keeps all), {@code .interval}. */
    private RunRetention.Policy runRetention() {
        RunRetention.Policy d = RunRetention.Policy.defaults();
        String age = get("runs.retention.age", "").trim();
        return new RunRetention.Policy(age.isEmpty() ? d.maxAge() : age.equalsIgnoreCase("off") ? null
                : duration("runs.retention.age"), integer("runs.retention.per.job", d.maxPerJob()),
                props.containsKey("runs.retention.interval") ? duration("runs.retention.interval") : d.interval(),
                d.batchSize());
    }

    public WorkerConfig workerConfig() {
        Properties client = kafkaClientProperties();
        WorkerConfig.Builder b = WorkerConfig.builder(required("kafka.bootstrap.servers"))
                .topicPrefix(get("topic.prefix", CoordinatorConfig.DEFAULT_TOPIC_PREFIX))
                .groupId(get("worker.group", WorkerConfig.DEFAULT_GROUP_ID))
                .maxConcurrentRuns(integer("worker.concurrency", WorkerConfig.DEFAULT_MAX_CONCURRENT_RUNS))
                .consumerProperties(client)
                .producerProperties(client);
        ifSet("worker.id", k -> b.workerId(props.getProperty(k).trim()));
        ifSet("worker.drain.timeout", k -> b.drainTimeout(duration(k)));
        ifSet("worker.heartbeat.interval", k -> b.heartbeatInterval(duration(k)));
        ifSet("worker.started.delay", k -> b.startedDelay(durationOrZero(k)));
        ifSet("worker.cancel.grace", k -> b.cancelGrace(duration(k)));
        ifSet("worker.handover.after", k -> b.handoverAfter(duration(k)));
        b.staticMembership(bool("worker.static.membership", false));
        return build(b::build);
    }

    /** {@code api.auth}, {@code api.tokens}, {@code api.tokens.file}; error messages never show a secret. */
    ApiAuth apiAuth() {
        String mode = get("api.auth", "tokens").toLowerCase(Locale.ROOT);
        boolean tokensGiven = props.containsKey("api.tokens") || props.containsKey("api.tokens.file");
        if (mode.equals("off")) {
            if (tokensGiven) {
                throw new FirelaneException(source + ": 'api.auth' is off but API tokens are configured; remove one");
            }
            return ApiAuth.open();
        }
        if (!mode.equals("tokens")) {
            throw new FirelaneException(source + ": 'api.auth' must be tokens or off; got '" + mode + "'");
        }
        List<ApiToken> tokens = new ArrayList<>();
        try {
            tokens.addAll(TokenSpecs.parseList(props.getProperty("api.tokens")));
            if (props.containsKey("api.tokens.file")) {
                tokens.addAll(TokenSpecs.readFile(Path.of(props.getProperty("api.tokens.file").trim())));
            }
            if (tokens.isEmpty()) {
                throw new FirelaneException(source + ": the REST API needs tokens: set api.tokens=name:role:secret,…"
                        + " or api.tokens.file=FILE (or api.auth=off to run it open, never on a shared network)");
            }
            for (ApiToken token : tokens) {
                if (token.secret().contains(PLACEHOLDER)) {
                    throw new FirelaneException(source + ": the secret of API token '" + token.name()
                            + "' is still the example's placeholder; generate one, e.g. openssl rand -base64 32");
                }
            }
            return ApiAuth.tokens(tokens);
        } catch (IllegalArgumentException e) {
            throw new FirelaneException(source + ": " + e.getMessage(), e);
        }
    }

    /** What a worker's refused http call tells to do. */
    static final String HTTP_ALLOW_REMEDY = "set worker.http.allow (FIRELANE_WORKER_HTTP_ALLOW, or firelane worker --http-allow)";

    /** The {@code http} handler's settings: {@code worker.http.allow} and {@code worker.http.timeout}. */
    public HttpHandlerConfig httpHandlerConfig() {
        HttpHandlerConfig.Builder b = HttpHandlerConfig.builder();
        String rules = props.getProperty("worker.http.allow", AllowList.PUBLIC);
        build(() -> b.allow(AllowList.parse(rules).withRemedy(HTTP_ALLOW_REMEDY)));
        ifSet("worker.http.timeout", k -> b.defaultTimeout(duration(k)));
        return build(b::build);
    }

    /**
     * The worker's handlers: those on the class path, plus those in the jars of {@code worker.handlers.dir} when
     * set, with the {@code http} handler configured from this file. A handlers directory that does not exist is
     * refused, naming the key.
     */
    public HandlerRegistry workerHandlers() {
        HttpHandler http = new HttpHandler(httpHandlerConfig());
        String dir = get("worker.handlers.dir", "");
        if (dir.isEmpty()) {
            return HandlerRegistry.load().replacing(http);
        }
        try {
            return HandlerRegistry.load(Path.of(dir)).replacing(http);
        } catch (WorkerException e) {
            throw new FirelaneException(source + ": 'worker.handlers.dir': " + e.getMessage(), e);
        }
    }

    /** {@code worker.metrics.port}: where a standalone worker serves {@code /metrics} and {@code /health}. */
    public OptionalInt workerMetricsPort() {
        if (!props.containsKey("worker.metrics.port") || props.getProperty("worker.metrics.port").isBlank()) {
            return OptionalInt.empty();
        }
        int port = integer("worker.metrics.port", 0);
        if (port < 0 || port > 65535) {
            throw new FirelaneException(source + ": 'worker.metrics.port' must be 0..65535; got " + port);
        }
        return OptionalInt.of(port);
    }

    /** The endpoints {@code firelane replay} needs; none of them is required here. */
    public ReplayEndpoints replayEndpoints() {
        String url = get("db.url", "");
        DatabaseConfig database = url.isEmpty() ? null
                : build(() -> DatabaseConfig.of(url, get("db.user", ""), get("db.password", "")));
        String bootstrap = get("kafka.bootstrap.servers", "");
        return new ReplayEndpoints(bootstrap.isEmpty() ? null : bootstrap,
                get("topic.prefix", CoordinatorConfig.DEFAULT_TOPIC_PREFIX), kafkaClientProperties(), database,
                get("worker.group", WorkerConfig.DEFAULT_GROUP_ID));
    }

    /** {@code kafka.*} keys other than the bootstrap servers, without the prefix. */
    Properties kafkaClientProperties() {
        Properties out = new Properties();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX) && !key.equals("kafka.bootstrap.servers")) {
                out.put(key.substring(KAFKA_PREFIX.length()), props.getProperty(key).trim());
            }
        }
        return out;
    }

    private void ifSet(String key, java.util.function.Consumer<String> apply) {
        if (props.containsKey(key)) {
            apply.accept(key);
        }
    }

    private <T> T build(java.util.function.Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw new FirelaneException(source + ": " + e.getMessage(), e);
        }
    }

    private String required(String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new FirelaneException(source + ": '" + key + "' is required");
        }
        return value.trim();
    }

    private String get(String key, String fallback) {
        String value = props.getProperty(key);
        return value == null ? fallback : value.trim();
    }

    private int integer(String key, int fallback) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new FirelaneException(source + ": '" + key + "' must be a whole number; got '" + value + "'");
        }
    }

    /** {@code 10s}, {@code 2m}, {@code PT30S}… (at least one second). */
    private java.time.Duration duration(String key) {
        try {
            return Schedules.parseEvery(props.getProperty(key).trim());
        } catch (InvalidFieldException e) {
            throw new FirelaneException(source + ": '" + key + "' " + e.reason());
        }
    }

    private java.time.Duration durationOrZero(String key) {
        String text = props.getProperty(key).trim();
        try {
            return text.equals("0") ? java.time.Duration.ZERO : Schedules.parseDuration(key, text);
        } catch (InvalidFieldException e) {
            throw new FirelaneException(source + ": '" + key + "' " + e.reason());
        }
    }

    private boolean bool(String key, boolean fallback) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new FirelaneException(source + ": '" + key + "' must be true or false; got '" + value + "'");
        };
    }

    private Set<String> list(String key) {
        String value = props.getProperty(key, "");
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
