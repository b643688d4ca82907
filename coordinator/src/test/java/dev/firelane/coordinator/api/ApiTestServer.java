package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.stats.StatsPoint;
import dev.firelane.coordinator.stats.StatsSeries;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real {@link ApiServer} on an ephemeral port over a private H2 database, with a publisher that only
 * records what it was given (there is no broker and no status stream here). Rows are test data inserted
 * with plain JDBC.
 */
final class ApiTestServer implements AutoCloseable {
    static final SettableClock CLOCK = SettableClock.at("2026-03-01T10:00:00Z");

    final Database database;
    final List<ControlCommand> published = new CopyOnWriteArrayList<>();
    /** The size of each {@code publishAll} call, in order. */
    final List<Integer> publishedBatches = new CopyOnWriteArrayList<>();
    /** Counts the queries of the read side, by mapper method. */
    final StatementCounter statements = new StatementCounter();
    final PrometheusMeterRegistry meters = MeterRegistries.prometheus();
    final ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Consumer<ControlCommand> onPublish = command -> { };
    /** What the API hears from "the fire topology" about a pause or delete; by default that it stopped. */
    private volatile FiringControl firing = FiringControl.NOT_TRACKED;
    /** What {@code GET /api/stats/series} serves: points a test sets, a 5 s interval and a 60 min window. */
    final TestStats stats = new TestStats();
    /** Sent as {@code Authorization: Bearer …} by get/post/put/delete when set. */
    private volatile String token;

    ApiTestServer(ApiConfig.Builder config, List<HealthProbe> probes) {
        database = Database.open(TestDatabases.h2(), List.of(JobQueryMapper.class));
        database.sessions().getConfiguration().addInterceptor(statements);
        CommandPublisher publisher = new CommandPublisher() {
            @Override
            public void publish(ControlCommand command) {
                published.add(command);
                onPublish.accept(command);
            }

            @Override
            public void publishAll(List<ControlCommand> commands) {
                publishedBatches.add(commands.size());
                commands.forEach(this::publish);
            }
        };
        server = new ApiServer(config.port(0).bindAddress("127.0.0.1").build(), new JobQueries(database.sessions()),
                publisher, command -> firing.hasStopped(command), probes, CLOCK, meters, stats).start();
    }

    /** A series whose points the test gives; {@code points(after)} filters them as the sampler does. */
    static final class TestStats implements StatsSeries {
        private volatile List<StatsPoint> points = List.of();

        void set(List<StatsPoint> points) {
            this.points = List.copyOf(points);
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration window() {
            return Duration.ofMinutes(60);
        }

        @Override
        public List<StatsPoint> points(Instant after) {
            return points.stream().filter(p -> after == null || p.at().isAfter(after)).toList();
        }
    }

    /** The token the helpers send from now on; null for none. */
    ApiTestServer token(String token) {
        this.token = token;
        return this;
    }

    static ApiTestServer withHandlers(String... handlers) {
        return new ApiTestServer(ApiConfig.builder().knownHandlers(java.util.Set.of(handlers)), List.of());
    }

    /** What the fire topology says about pauses and deletes from now on. */
    void firing(FiringControl firing) {
        this.firing = firing;
    }

    /** What happens when a command is published (e.g. a test writes its audit row). */
    void onPublish(Consumer<ControlCommand> action) {
        this.onPublish = action;
    }

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST with the given content type, e.g. {@code application/x-ndjson}. */
    Reply post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply send(HttpRequest.Builder request) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            JsonNode json = response.body().isEmpty() || !isJson ? null : ApiJson.MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    void insertJob(String id, String status, String payload) {
        insertJob(id, status, payload, "cron", "0 * * * * ?", "Europe/Berlin", Instant.parse("2026-02-01T00:00:00Z"));
    }

    /** A job row as the status stream would have written it (columns of V1-V3; V4's take their defaults). */
    void insertJob(String id, String status, String payload, String kind, String schedule, String zone,
                   Instant createdAt) {
        execute("INSERT INTO jobs (id, schedule_kind, schedule, time_zone, handler, payload, max_errors,"
                        + " overlap_policy, misfire_policy, status, generation, next_fire_at, last_fire_id, last_run_at,"
                        + " last_run_status, run_count, consecutive_errors, last_delivery_status, last_error, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, 'noop', ?, 3, 'skip', 'once', ?, 2,"
                        + " ?, ?, ?, 'error', 7, 1, 500, 'boom', ?, ?)",
                id, kind, schedule, zone, payload, status, ts("2026-03-01T10:01:00Z"), id + "@1772359200000",
                ts("2026-03-01T10:00:00Z"), ts(createdAt), ts("2026-03-01T10:00:01Z"));
    }

    void deleteJobRow(String id) {
        execute("DELETE FROM jobs WHERE id = ?", id);
    }

    /** Sets the columns of V4 (window, retries, timeout, misfire limit) of a job. */
    void setPolicies(String id, Instant notBefore, Instant notAfter, int maxAttempts, Long timeoutMs,
                     int misfireLimit) {
        execute("UPDATE jobs SET not_before = ?, not_after = ?, max_attempts = ?, timeout_ms = ?, misfire_limit = ?"
                + " WHERE id = ?", ts(notBefore), ts(notAfter), maxAttempts, timeoutMs, misfireLimit, id);
    }

    void insertRun(String fireId, String jobId, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                   String outcome) {
        execute("INSERT INTO job_runs (fire_id, job_id, attempt, scheduled_at, fired_at, started_at, finished_at,"
                        + " worker_id, outcome, error, delivery_status) VALUES (?, ?, 1, ?, ?, ?, ?, 'w-1', ?, NULL, NULL)",
                fireId, jobId, ts(scheduledAt), ts(scheduledAt), ts(startedAt), ts(finishedAt), outcome);
    }

    void insertCommand(String commandId, String jobId, String kind, String result, String resultReason) {
        execute("INSERT INTO job_commands (command_id, job_id, kind, requested_by, requested_at, reason, applied_at,"
                        + " result, result_reason) VALUES (?, ?, ?, 'alice', ?, 'because', ?, ?, ?)",
                commandId, jobId, kind, ts("2026-03-01T09:00:00Z"), ts("2026-03-01T09:00:00.040Z"), result, resultReason);
    }

    private static Object ts(String iso) {
        return ts(Instant.parse(iso));
    }

    private static Object ts(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Runs a statement on the API's database, e.g. to take a table away. */
    void sql(String sql) {
        execute(sql);
    }

    private void execute(String sql, Object... args) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
