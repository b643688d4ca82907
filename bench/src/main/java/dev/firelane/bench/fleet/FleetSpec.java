package dev.firelane.bench.fleet;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a benchmark fleet runs: a standalone broker, one coordinator and {@code workers} workers against the
 * MariaDB database {@code database} (dropped and created anew), with their files under {@code home}.
 *
 * @param coordinatorSettings extra coordinator properties (e.g. {@code runs.retention.age})
 */
public record FleetSpec(Path home, String jdbcServer, String database, int partitions, int workers,
                        int workerConcurrency, Map<String, String> coordinatorSettings) {
    public static final String DEFAULT_JDBC_SERVER = "jdbc:mysql://127.0.0.1:3306/";
    public static final int DEFAULT_PARTITIONS = 6;
    public static final int DEFAULT_WORKERS = 2;
    public static final int DEFAULT_WORKER_CONCURRENCY = 16;

    public FleetSpec {
        coordinatorSettings = Map.copyOf(coordinatorSettings);
    }

    public String jdbcUrl() {
        return jdbcServer + database;
    }
}
