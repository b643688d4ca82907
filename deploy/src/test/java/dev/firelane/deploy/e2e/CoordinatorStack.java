package dev.firelane.deploy.e2e;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-process KRaft broker and a coordinator runtime (status stream, fire topology, REST API) on the
 * given database, with no workers: the tests bring their own, in this JVM or in child JVMs.
 */
final class CoordinatorStack implements AutoCloseable {
    private final KafkaTestCluster kafka;
    private final CoordinatorRuntime coordinator;
    private final DatabaseConfig database;
    private final ApiClient api;

    private CoordinatorStack(KafkaTestCluster kafka, CoordinatorRuntime coordinator, DatabaseConfig database) {
        this.kafka = kafka;
        this.coordinator = coordinator;
        this.database = database;
        this.api = new ApiClient("http://127.0.0.1:" + coordinator.apiPort());
    }

    static CoordinatorStack start(String prefix, int partitions, DatabaseConfig database) {
        KafkaTestCluster kafka = KafkaTestCluster.start();
        try {
            CoordinatorRuntime coordinator = new CoordinatorRuntime(CoordinatorConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .topicPrefix(prefix)
                    .partitions(partitions)
                    .database(database)
                    .stateDir(Files.createTempDirectory("firelane-" + prefix + "state"))
                    .apiPort(0)
                    .build(), Clock.systemUTC());
            coordinator.start();
            if (!coordinator.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the coordinator's streams did not reach RUNNING within 60 s");
            }
            return new CoordinatorStack(kafka, coordinator, database);
        } catch (IOException e) {
            kafka.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    KafkaTestCluster kafka() {
        return kafka;
    }

    ApiClient api() {
        return api;
    }

    /** One number from the job database, e.g. {@code SELECT COUNT(*) FROM job_runs}. */
    long count(String sql) {
        return rows(sql).values().stream().findFirst().orElse(0L);
    }

    /** Rows of (text, number) from the job database, e.g. {@code SELECT worker_id, COUNT(*) … GROUP BY worker_id}. */
    Map<String, Long> rows(String sql) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            boolean pairs = rs.getMetaData().getColumnCount() > 1;
            while (rs.next()) {
                out.put(pairs ? rs.getString(1) : "value", pairs ? rs.getLong(2) : rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        coordinator.close();
        kafka.close();
    }
}
