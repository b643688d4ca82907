package dev.firelane.deploy.dev;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one JVM: an embedded Kafka, an embedded H2 database (MySQL mode), the coordinator and
 * {@code workers} workers, all keeping their data under one folder, so a restart keeps the jobs.
 * <pre>
 *   DIR/kafka   the broker's log        DIR/db      the H2 database file
 *   DIR/state   Kafka Streams stores      DIR/firelane.properties   endpoints, for firelane replay
 * </pre>
 */
public final class DevMode implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_WORKERS = 2;
    public static final Path DEFAULT_DATA_DIR = Path.of(".firelane");
    /** Dev mode keeps few partitions: one node, fast start. */
    public static final int PARTITIONS = 3;
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DevMode.class);

    private final Path dataDir;
    private final int port;
    private final int workerCount;
    private final Clock clock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedKafka kafka;
    private CoordinatorRuntime coordinator;
    private DatabaseConfig database;
    private HandlerRegistry handlers;
    private Path configFile;
    private boolean closed;

    public DevMode(Path dataDir, int port, int workerCount, Clock clock) {
        if (workerCount < 0) {
            throw new IllegalArgumentException("workers must be 0 or more; got " + workerCount);
        }
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.port = port;
        this.workerCount = workerCount;
        this.clock = clock;
    }

    /** Starts Kafka, the coordinator and the workers; on failure stops what had started and rethrows. */
    public synchronized DevMode start() {
        try {
            kafka = track(new EmbeddedKafka(dataDir.resolve("kafka")).start());
            handlers = HandlerRegistry.load();
            database = DatabaseConfig.h2File(dataDir.resolve("db").resolve("firelane"));
            coordinator = track(new CoordinatorRuntime(CoordinatorConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .partitions(PARTITIONS)
                    .replicationFactor(1)
                    .database(database)
                    .stateDir(dataDir.resolve("state"))
                    .apiBindAddress("127.0.0.1")
                    .apiPort(port)
                    .knownHandlers(handlers.names())
                    .build(), clock).start());
            for (int i = 1; i <= workerCount; i++) {
                Worker worker = track(new Worker(WorkerConfig.builder(kafka.bootstrapServers())
                        .topicPrefix(Topics.DEFAULT_PREFIX).workerId("dev-worker-" + i).build(), handlers, clock));
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

    /** What a user needs to know to use this instance. */
    public String banner() {
        String api = apiUrl();
        String server = port == DEFAULT_PORT ? "" : " --server " + api;
        return String.join(System.lineSeparator(),
                "Firelane dev is running.",
                "  API        " + api,
                "  Kafka      " + kafka.bootstrapServers(),
                "  Database   " + database.jdbcUrl() + " (user " + database.user() + ")",
                "  Data dir   " + dataDir,
                "  Config     " + configFile + " (for firelane replay --config)",
                "  Workers    " + workerCount + " (handlers: " + String.join(", ", handlers.names()) + ")",
                "Try:  firelane job create" + server + " --id hello --every 10s --handler noop",
                "      firelane job runs" + server + " hello",
                "Stop with Ctrl-C; the data stays in " + dataDir + ".");
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
