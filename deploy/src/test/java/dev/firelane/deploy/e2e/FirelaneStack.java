package dev.firelane.deploy.e2e;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole of Firelane on real components for end-to-end tests: an in-process KRaft broker, the
 * coordinator runtime (status stream, fire topology, REST API) on the given database, and two workers.
 * The API runs open unless started with tokens. One meter registry for all of it, as in dev mode, so the
 * API's {@code /metrics} shows the workers' meters too.
 */
final class FirelaneStack implements AutoCloseable {
    static final String PREFIX = "e2e.";
    private static final int PARTITIONS = 3;
    private static final int WORKERS = 2;

    private final KafkaTestCluster kafka;
    private final CoordinatorRuntime coordinator;
    private final List<Worker> workers;
    private final ApiClient api;

    private FirelaneStack(KafkaTestCluster kafka, CoordinatorRuntime coordinator, List<Worker> workers) {
        this.kafka = kafka;
        this.coordinator = coordinator;
        this.workers = workers;
        this.api = new ApiClient("http://127.0.0.1:" + coordinator.apiPort());
    }

    static FirelaneStack start(DatabaseConfig database, JobHandler... extraHandlers) {
        return start(database, ApiAuth.open(), extraHandlers);
    }

    static FirelaneStack start(DatabaseConfig database, ApiAuth auth, JobHandler... extraHandlers) {
        Clock clock = Clock.systemUTC();
        KafkaTestCluster kafka = KafkaTestCluster.start();
        HandlerRegistry handlers = HandlerRegistry.load().with(extraHandlers);
        CoordinatorRuntime coordinator = new CoordinatorRuntime(CoordinatorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(PREFIX)
                .partitions(PARTITIONS)
                .database(database)
                .stateDir(tempDir("firelane-e2e-state"))
                .apiPort(0)
                .knownHandlers(handlers.names())
                .apiAuth(auth)
                .build(), clock);
        coordinator.start();
        if (!coordinator.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the coordinator's streams did not reach RUNNING within 60 s");
        }
        List<Worker> workers = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            Worker worker = new Worker(WorkerConfig.builder(kafka.bootstrapServers())
                    .topicPrefix(PREFIX)
                    .workerId("e2e-worker-" + i)
                    .build(), handlers, clock, coordinator.meters());
            worker.start();
            workers.add(worker);
        }
        return new FirelaneStack(kafka, coordinator, workers);
    }

    /** A client without a token. */
    ApiClient api() {
        return api;
    }

    /** A client sending {@code token} as its bearer token. */
    ApiClient api(String token) {
        return new ApiClient(api.base(), token);
    }

    String baseUrl() {
        return api.base();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    KafkaTestCluster kafka() {
        return kafka;
    }

    /** One number from the job database, e.g. {@code SELECT COUNT(*) FROM job_runs}. */
    long count(String sql) {
        try (java.sql.Connection c = coordinator.database().dataSource().getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
        coordinator.close();
        kafka.close();
    }
}
