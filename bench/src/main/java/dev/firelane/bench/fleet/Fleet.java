package dev.firelane.bench.fleet;

import dev.firelane.deploy.FirelaneCli;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Firelane in its production shape, for benchmarks: a standalone KRaft broker, a coordinator and N workers,
 * each its own JVM (started from this JVM's class path), against MariaDB. Logs go to {@code home/logs}.
 */
public final class Fleet implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> BROKER_JVM = List.of("-Xmx1g");
    private static final List<String> COORDINATOR_JVM = jvm("-Xmx1g", "bench.coordinator.jvm");
    private static final List<String> WORKER_JVM = jvm("-Xmx512m", "bench.worker.jvm");

    private final FleetSpec spec;
    private final List<Child> children = new ArrayList<>();
    private final List<Child> workers = new ArrayList<>();
    private Child broker;
    private Child coordinator;
    private Api api;

    private Fleet(FleetSpec spec) {
        this.spec = spec;
    }

    /** Starts every process and returns once the coordinator's and each worker's {@code /health} say up. */
    public static Fleet start(FleetSpec spec) {
        Fleet fleet = new Fleet(spec);
        try {
            fleet.startAll();
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    public Api api() {
        return api;
    }

    public Child coordinator() {
        return coordinator;
    }

    public List<Child> workers() {
        return List.copyOf(workers);
    }

    public Child broker() {
        return broker;
    }

    /** A connection to the fleet's database, for reading what the status stream wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(spec.jdbcUrl(), "root", "");
    }

    public Path logs() {
        return spec.home().resolve("logs");
    }

    private void startAll() {
        resetDatabase(spec.jdbcServer(), spec.database());
        Path logs = logs();
        broker = add(Child.java("broker", logs, BROKER_JVM, BrokerMain.class.getName(),
                List.of(spec.home().resolve("broker").toString()), List.of("BOOTSTRAP ")));
        String bootstrap = broker.awaitLine("BOOTSTRAP ", START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String token = UUID.randomUUID().toString();
        int apiPort = freePort();
        Path coordinatorConfig = write("coordinator.properties", Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "partitions", Integer.toString(spec.partitions()),
                "db.url", spec.jdbcUrl(),
                "db.user", "root",
                "db.password", "",
                "api.bind", "127.0.0.1",
                "api.port", Integer.toString(apiPort),
                "api.tokens", "bench:operator:" + token,
                "state.dir", spec.home().resolve("state").toString(),
                // a bulk request of 10,000 creates on a cold, shared machine can take longer than the default 10 s
                "api.command.timeout", "60s"), spec.coordinatorSettings());
        coordinator = add(Child.java("coordinator", logs, COORDINATOR_JVM, FirelaneCli.class.getName(),
                List.of("coordinator", "--config", coordinatorConfig.toString()), List.of()));
        api = new Api("http://127.0.0.1:" + apiPort, token);
        Health.await(coordinator, "http://127.0.0.1:" + apiPort + "/health", START_TIMEOUT);
        for (int i = 1; i <= spec.workers(); i++) {
            int metricsPort = freePort();
            Path workerConfig = write("worker-" + i + ".properties", Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    "worker.id", "bench-worker-" + i,
                    "worker.concurrency", Integer.toString(spec.workerConcurrency()),
                    "worker.metrics.port", Integer.toString(metricsPort)), Map.of());
            Child worker = add(Child.java("worker-" + i, logs, WORKER_JVM, FirelaneCli.class.getName(),
                    List.of("worker", "--config", workerConfig.toString()), List.of()));
            workers.add(worker);
            Health.await(worker, "http://127.0.0.1:" + metricsPort + "/health", START_TIMEOUT);
        }
    }

    private Child add(Child child) {
        children.add(child);
        return child;
    }

    private Path write(String name, Map<String, String> settings, Map<String, String> extra) {
        Properties props = new Properties();
        props.putAll(settings);
        props.putAll(extra);
        Path file = spec.home().resolve(name);
        try {
            Files.createDirectories(spec.home());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "written by the benchmark fleet");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child's JVM options: the default heap, then the space-separated options of a system property (e.g. JFR). */
    private static List<String> jvm(String heap, String property) {
        List<String> options = new ArrayList<>(List.of(heap));
        String extra = System.getProperty(property, "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return List.copyOf(options);
    }

    /** Drops and creates a benchmark's own database (never another one). */
    public static void resetDatabase(String jdbcServer, String database) {
        execute(jdbcServer, database, "DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
    }

    /** Drops a benchmark's own database. */
    public static void dropDatabase(String jdbcServer, String database) {
        execute(jdbcServer, database, "DROP DATABASE IF EXISTS " + database);
    }

    private static void execute(String jdbcServer, String database, String... statements) {
        if (!database.matches("bench_[a-z0-9_]+")) {
            throw new IllegalArgumentException("a benchmark only touches databases named bench_*, not " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcServer, "root", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change database " + database + " at " + jdbcServer + ": " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Workers first (they drain), then the coordinator, then the broker. */
    @Override
    public void close() {
        workers.forEach(Child::close);
        if (coordinator != null) {
            coordinator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
