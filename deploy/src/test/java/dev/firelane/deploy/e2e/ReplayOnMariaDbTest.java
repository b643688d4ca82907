package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.Json;
import dev.firelane.protocol.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of a real scripted history, driven through the REST API of the whole stack on a KRaft broker with the live
 * database on MariaDB: create, a trigger whose run a pause catches mid-run, the completion, a resume, an error streak
 * to {@code failed}, a delete. The replay commands then run as an operator runs them, through the CLI.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayOnMariaDbTest {
    private static final String JOB = "hist";
    private static final ScriptedHandler SCRIPT = new ScriptedHandler()
            .then(ScriptedHandler.Step.BLOCK, ScriptedHandler.Step.FAIL, ScriptedHandler.Step.FAIL);
    private static DatabaseConfig database;
    private static FirelaneStack stack;
    private static List<JsonNode> timeline;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void playTheHistory() throws Exception {
        database = TestDatabases.mariaDb();
        stack = FirelaneStack.start(database, SCRIPT);
        ApiClient api = stack.api();

        ok(api.post("/api/jobs", "{\"id\":\"hist\",\"scheduleKind\":\"every\",\"schedule\":\"1h\",\"handler\":\"script\","
                + "\"maxErrors\":2}"), 201);
        awaitCoordinatorSaw("active", 1);

        ok(api.post("/api/jobs/hist/trigger", "{}"), 200);
        assertThat(SCRIPT.blockedRunStarted.await(60, TimeUnit.SECONDS)).as("the first run started").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.runs(JOB).path(0).path("outcome").asText()).isEqualTo("running"));
        ok(api.post("/api/jobs/hist/pause", "{\"reason\":\"db maintenance\"}"), 200);
        SCRIPT.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(JOB).path("runCount").asLong() == 1);
        awaitCoordinatorSaw("paused", 2);

        ok(api.post("/api/jobs/hist/resume", "{}"), 200);
        awaitCoordinatorSaw("active", 3);
        ok(api.post("/api/jobs/hist/trigger", "{}"), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(JOB).path("runCount").asLong() == 2);
        awaitCoordinatorReadTheRuns();
        ok(api.post("/api/jobs/hist/trigger", "{}"), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(api.job(JOB).path("status").asText()));

        ok(api.delete("/api/jobs/hist", "{\"reason\":\"done\"}"), 200);

        CliRun run = replay("timeline", "--job", JOB, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        timeline = new ArrayList<>();
        Json.newMapper().readTree(run.out()).forEach(timeline::add);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    @Order(1)
    void the_timeline_lists_every_event_in_order_with_the_status_after_each() {
        // heartbeats depend on how long the blocked run took, and a Started on whether a run outlived the worker's
        // started delay (the blocked one surely did, the failing ones most likely not); everything else is the script
        String blockedFire = timeline.stream().filter(e -> e.path("kind").asText().equals("Fire")).findFirst().orElseThrow()
                .path("fireId").asText();
        List<JsonNode> applied = timeline.stream()
                .filter(e -> !e.path("topic").asText().equals("job-state") && !e.path("kind").asText().equals("Heartbeat"))
                .filter(e -> !e.path("kind").asText().equals("Started") || e.path("fireId").asText().equals(blockedFire))
                .toList();
        assertThat(applied).extracting(e -> e.path("kind").asText() + " -> " + e.path("status").asText()).containsExactly(
                "Create -> active",
                "Trigger -> active", "Fire -> active", "Started -> active",
                "Pause -> paused",
                "Completed -> paused",
                "Resume -> active",
                "Trigger -> active", "Fire -> active", "Completed -> active",
                "Trigger -> active", "Fire -> active", "Completed -> failed",
                "Delete -> deleted");
        assertThat(applied.get(4).path("event").asText()).isEqualTo("Pause by e2e-test \"db maintenance\"");
        assertThat(applied.get(2).path("event").asText()).matches("Fire \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? attempt 1");
        assertThat(applied.get(3).path("event").asText()).startsWith("Started on e2e-worker-");
        assertThat(applied.get(5).path("event").asText()).matches("Completed ok in \\d+\\.\\d s");
        assertThat(applied.get(12).path("event").asText()).matches("Completed error in \\d+\\.\\d s: boom");
        assertThat(applied).allSatisfy(e -> assertThat(e.path("applied").asBoolean()).isTrue());

        List<JsonNode> published = timeline.stream().filter(e -> e.path("topic").asText().equals("job-state")).toList();
        // each accepted trigger is published too: the state that tells the coordinator to fire it
        assertThat(published).extracting(e -> e.path("status").asText())
                .containsExactly("active", "active", "paused", "active", "active", "active", "failed", "deleted");
        assertThat(published).filteredOn(e -> e.path("event").asText().contains("with trigger")).hasSize(3);

        List<Instant> times = timeline.stream().map(e -> Instant.parse(e.path("time").asText())).toList();
        assertThat(times).isSorted();
    }

    @Test
    @Order(2)
    void the_state_between_the_pause_and_the_completion_is_paused_with_the_run_still_in_flight() throws Exception {
        Instant paused = time("Pause");
        Instant completed = time("Completed");
        Instant between = paused.plus(Duration.between(paused, completed).dividedBy(2));
        String firstFire = timeline.stream().filter(e -> e.path("kind").asText().equals("Fire")).findFirst().orElseThrow()
                .path("fireId").asText();

        CliRun run = replay("state", "--job", JOB, "--at", between.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode state = Json.newMapper().readTree(run.out());
        assertThat(state.path("job").path("status").asText()).isEqualTo("paused");
        assertThat(state.path("job").path("runCount").asLong()).isZero();
        assertThat(state.path("inFlight")).singleElement().satisfies(r -> {
            assertThat(r.path("fireId").asText()).isEqualTo(firstFire);
            assertThat(r.path("startedAt").isTextual()).isTrue();
            assertThat(r.hasNonNull("finishedAt")).isFalse();
        });

        CliRun text = replay("state", "--job", JOB, "--at", between.toString());
        assertThat(text.out()).contains("status:            paused").contains("runs in flight:").contains(firstFire);
    }

    @Test
    @Order(3)
    void a_rebuild_has_no_difference_to_the_live_database_until_a_live_row_is_changed_by_hand() throws Exception {
        String rebuilt = "jdbc:h2:file:" + scratch.resolve("rebuilt") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        CliRun rebuild = replay("rebuild", "--into", rebuilt);
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("0 refused");

        CliRun same = replay("diff", "--rebuilt", rebuilt);
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("jobs: 1 live rows, 1 rebuilt rows; no difference")
                .contains("job_runs: 3 live rows, 3 rebuilt rows; no difference")
                .contains("the rebuilt database matches the live one");

        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE jobs SET run_count = 42 WHERE id = 'hist'")).isEqualTo(1);
        }
        CliRun changed = replay("diff", "--rebuilt", rebuilt);
        CliRun changedJson = replay("diff", "--rebuilt", rebuilt, "--json");
        assertThat(changedJson.exitCode()).isEqualTo(6);
        JsonNode jobs = Json.newMapper().readTree(changedJson.out()).path("tables").path(0);
        assertThat(jobs.path("differing").asLong()).isEqualTo(1);
        assertThat(jobs.path("rows").path(0).path("columns").path(0).path("column").asText()).isEqualTo("run_count");
        assertThat(changed.exitCode()).as(changed.err()).isEqualTo(6);
        assertThat(changed.out()).contains("jobs: 1 live rows, 1 rebuilt rows; 1 differs")
                .contains("id hist: differs").contains("run_count: live 42, rebuilt 3")
                .contains("job_runs: 3 live rows, 3 rebuilt rows; no difference")
                .contains("1 row differs");
    }

    @Test
    @Order(4)
    void a_rebuild_until_an_instant_is_the_database_as_it_stood_then() throws Exception {
        Instant paused = time("Pause");
        Instant between = paused.plus(Duration.between(paused, time("Completed")).dividedBy(2));
        String asOf = "jdbc:h2:file:" + scratch.resolve("as-of") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";

        CliRun rebuild = replay("rebuild", "--into", asOf, "--until", between.toString());

        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("up to " + between);
        try (Connection c = DriverManager.getConnection(asOf, "sa", ""); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT j.status, j.run_count, r.started_at, r.finished_at FROM jobs j"
                     + " JOIN job_runs r ON r.job_id = j.id WHERE j.id = 'hist'")) {
            assertThat(rs.next()).as("one run, the one in flight").isTrue();
            assertThat(rs.getString(1)).isEqualTo("paused");
            assertThat(rs.getLong(2)).isZero();
            assertThat(rs.getObject(3)).isNotNull();
            assertThat(rs.getObject(4)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    @Order(5)
    void rebuild_refuses_the_live_database_and_a_database_that_is_not_empty() {
        CliRun live = replay("rebuild", "--into", database.jdbcUrl());
        assertThat(live.exitCode()).isEqualTo(4);
        assertThat(live.err()).contains("is the live database; replay never writes it");

        String full = "jdbc:h2:file:" + scratch.resolve("rebuilt") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        CliRun notEmpty = replay("rebuild", "--into", full);
        assertThat(notEmpty.exitCode()).isEqualTo(4);
        assertThat(notEmpty.err()).contains("is not empty").contains("rows in jobs");
    }

    private static CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrapServers(), "--topic-prefix", FirelaneStack.PREFIX,
                "--jdbc", database.jdbcUrl(), "--db-user", database.user()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static Instant time(String kind) {
        return Instant.parse(timeline.stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst().orElseThrow()
                .path("time").asText());
    }

    private static void ok(ApiClient.Reply reply, int... accepted) {
        assertThat(accepted).as("%s", reply).contains(reply.status());
    }

    /** The fire topology has read the job-state record with this status and generation (so a trigger fires). */
    private static void awaitCoordinatorSaw(String status, long generation) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ConsumerRecord<String, JobState>> states = stack.kafka().readAll(Topics.JOB_STATE, FirelaneStack.PREFIX);
            boolean published = states.stream().anyMatch(r -> JOB.equals(r.key()) && r.value() != null
                    && r.value().status().wire().equals(status) && r.value().generation() == generation);
            return published && stack.kafka().uncommitted(FirelaneStack.PREFIX + "coordinator",
                    Topics.JOB_STATE.name(FirelaneStack.PREFIX)).isEmpty();
        });
    }

    /** The fire topology has read every run event (so the last run no longer counts as in flight). */
    private static void awaitCoordinatorReadTheRuns() {
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.kafka().uncommitted(FirelaneStack.PREFIX + "coordinator",
                Topics.RUNS.name(FirelaneStack.PREFIX)).isEmpty());
    }
}
