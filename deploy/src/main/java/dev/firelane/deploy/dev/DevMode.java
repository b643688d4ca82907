package dev.firelane.deploy.dev;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.handlers.http.HttpHandler;
import dev.firelane.worker.handlers.http.HttpHandlerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one JVM: an embedded Kafka, an embedded H2 database (MySQL mode), the coordinator and
 * {@code workers} workers, all keeping their data under one folder, so a restart keeps the jobs.
 * <pre>
 *   DIR/kafka   the broker's log        DIR/db      the H2 database file
 *   DIR/state   Kafka Streams stores    DIR/operator.token   this run's API token
 *   DIR/firelane.properties   endpoints, for firelane replay --config
 * </pre>
 * The API needs a token unless started without authentication: each start makes a new operator token,
 * prints it and writes it to {@code DIR/operator.token}. The process has one meter registry, shared by the
 * coordinator and the workers, so the API's {@code /metrics} shows both.
 */
public final class DevMode implements AutoCloseable {
    /** Dev mode keeps few partitions: one node, fast start. */
    public static final int PARTITIONS = 3;
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DevMode.class);

    private final DevConfig config;
    private final Path dataDir;
    private final Clock clock;
    private final PrometheusMeterRegistry meters = MeterRegistries.prometheus();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ApiToken operatorToken;
    private EmbeddedKafka kafka;
    private CoordinatorRuntime coordinator;
    private DatabaseConfig database;
    private HandlerRegistry handlers;
    private Path configFile;
    private boolean closed;

    public DevMode(DevConfig config, Clock clock) {
        this.config = config;
        this.dataDir = config.dataDir();
        this.clock = clock;
    }

    /** Starts Kafka, the coordinator and the workers; on failure stops what had started and rethrows. */
    public synchronized DevMode start() {
        try {
            database = DatabaseConfig.h2File(dataDir.resolve("db").resolve("firelane"));
            // after a crash H2 watches the lock file the dead process left for about 4 s before taking it: do that
            // while Kafka starts, and hold the database open until the coordinator has its own connections
            CompletableFuture<Connection> warmDatabase = CompletableFuture.supplyAsync(this::openDatabase);
            AutoCloseable releaseWarmDatabase = () -> closeQuietly(warmDatabase.join());
            track(releaseWarmDatabase);
            kafka = track(new EmbeddedKafka(dataDir.resolve("kafka")).start());
            // the http handler with dev mode's allow-list: loopback too, so a receiver on this machine can be called
            handlers = HandlerRegistry.load().replacing(new HttpHandler(HttpHandlerConfig.builder().allow(config.httpAllow()).build()));
            coordinator = track(new CoordinatorRuntime(CoordinatorConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .partitions(PARTITIONS)
                    .replicationFactor(1)
                    .database(database)
                    .stateDir(dataDir.resolve("state"))
                    .apiBindAddress(config.bindAddress())
                    .apiPort(config.port())
                    .knownHandlers(handlers.names())
                    .apiAuth(apiAuth())
                    // static membership: a restart after a crash takes the partitions back at once, instead of
                    // waiting for the dead process's members to time out
                    .instanceId("dev")
                    // one coordinator: a standby copy of its stores has nowhere to go (and Kafka Streams warns so at
                    // every rebalance)
                    .streamsProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                    .build(), clock, meters).start());
            for (int i = 1; i <= config.workers(); i++) {
                // the process's one registry: the workers' firelane.worker.* meters (tagged by worker id) join the
                // coordinator's on the API's /metrics
                Worker worker = track(new Worker(WorkerConfig.builder(kafka.bootstrapServers())
                        .topicPrefix(Topics.DEFAULT_PREFIX).workerId("dev-worker-" + i).staticMembership(true).build(),
                        handlers, clock, meters));
                worker.start();
            }
            configFile = DevPropertiesFile.write(dataDir, kafka.bootstrapServers(), Topics.DEFAULT_PREFIX, PARTITIONS, database);
            log.info("waiting for the coordinator's streams to be running (at most {})", READY_TIMEOUT);
            if (!coordinator.awaitRunning(READY_TIMEOUT)) {
                log.warn("the coordinator's streams are not running after {}; commands may wait", READY_TIMEOUT);
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A connection to the dev database, or null if it cannot be opened now (the coordinator then says why). */
    private Connection openDatabase() {
        try {
            return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        } catch (SQLException e) {
            log.debug("early open of the dev database failed: {}", e.getMessage());
            return null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the early dev database connection: {}", e.getMessage());
        }
    }

    private ApiAuth apiAuth() {
        if (!config.auth()) {
            DevToken.remove(dataDir);
            return ApiAuth.open();
        }
        operatorToken = DevToken.generate(new SecureRandom(), System.getProperty("user.name"));
        DevToken.write(dataDir, operatorToken);
        return ApiAuth.tokens(List.of(operatorToken));
    }

    /** What a user needs to know to use this instance. */
    public String banner() {
        String api = apiUrl();
        String server = config.port() == DevConfig.DEFAULT_PORT ? "" : " --server " + api;
        String tokenFile = dataDir.equals(DevConfig.DEFAULT_DATA_DIR.toAbsolutePath().normalize()) ? ""
                : " --token-file " + tokenFile();
        List<String> lines = new ArrayList<>(List.of(
                "Firelane dev is running.",
                "  Dashboard  " + api + "/",
                "  API        " + api + "/api   (health " + api + "/health, metrics " + api + "/metrics)",
                "  Kafka      " + kafka.bootstrapServers(),
                "  Database   " + database.jdbcUrl() + " (user " + database.user() + ")",
                "  Data dir   " + dataDir,
                "  Config     " + configFile + " (for firelane replay --config)",
                "  Workers    " + config.workers() + " (handlers: " + String.join(", ", handlers.names()) + ")",
                "  HTTP jobs  may call " + config.httpAllow() + " (--http-allow to change; see the http handler's"
                        + " allow-list)"));
        boolean auth = config.auth();
        if (auth) {
            lines.add("operator token: " + operatorToken.secret());
            lines.add("  (named '" + operatorToken.name() + "' in the audit; written to " + tokenFile()
                    + ", where the CLI finds it; paste it into the dashboard. A new one is made at every start.)");
        } else {
            lines.add("WARNING: authentication is OFF (--no-auth): anyone who can reach " + api
                    + " can create, pause, change and delete jobs.");
        }
        lines.add("Try:  firelane job create" + server + (auth ? tokenFile : "") + " --id hello --every 10s --handler noop");
        lines.add("      firelane job runs" + server + (auth ? tokenFile : "") + " hello");
        lines.add("Stop with Ctrl-C; the data stays in " + dataDir + ".");
        return String.join(System.lineSeparator(), lines);
    }

    /** This run's operator token, or null when it runs without authentication. */
    public String operatorToken() {
        return operatorToken == null ? null : operatorToken.secret();
    }

    public Path tokenFile() {
        return dataDir.resolve(DevToken.FILE_NAME);
    }

    /** The process's one registry: the coordinator's meters and the workers'. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + coordinator.apiPort();
    }

    /** {@code <data-dir>/firelane.properties}, the file {@code firelane replay --config} reads. */
    public Path configFile() {
        return configFile;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the workers, the coordinator and Kafka, in that order; idempotent. */
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
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }
}
