package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 6 under batching: thirty jobs firing every second through two workers, paused, resumed, updated,
 * triggered and deleted while their runs are applied in batches; once everything is applied, a database rebuilt
 * from the topics has no difference to the live one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayAfterLoadOnMariaDbTest {
    private static final int JOBS = 30;
    private DatabaseConfig database;
    private FirelaneStack stack;

    @TempDir
    Path scratch;

    @BeforeAll
    void start() {
        database = TestDatabases.mariaDb();
        stack = FirelaneStack.start(database);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void a_rebuild_after_a_batched_run_with_pauses_and_deletes_has_no_difference() {
        ApiClient api = stack.api();
        for (int i = 0; i < JOBS; i++) {
            ok(api.post("/api/jobs", "{\"id\":\"load-" + i + "\",\"scheduleKind\":\"every\",\"schedule\":\"1s\","
                    + "\"handler\":\"noop\",\"maxErrors\":3}"), 201);
        }
        awaitRuns(150);
        List<String> stillActive = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String path = "/api/jobs/load-" + i;
            if (i < 10) {
                ok(api.post(path + "/pause", "{\"reason\":\"load test\"}"), 200);
            } else if (i < 15) {
                ok(api.delete(path, "{}"), 200);
            } else if (i < 18) {
                ok(api.put(path, "{\"scheduleKind\":\"every\",\"schedule\":\"2s\",\"handler\":\"noop\"}"), 200);
                stillActive.add(path);
            } else {
                ok(api.post(path + "/trigger", "{}"), 200);
                stillActive.add(path);
            }
        }
        for (int i = 0; i < 5; i++) {
            ok(api.post("/api/jobs/load-" + i + "/resume", "{}"), 200);
            stillActive.add("/api/jobs/load-" + i);
        }
        awaitRuns(300);
        for (String path : stillActive) {
            ok(api.post(path + "/pause", "{\"reason\":\"quiesce\"}"), 200);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(stack.count("SELECT COUNT(*) FROM job_runs WHERE finished_at IS NULL"))
                    .as("runs still going").isZero();
            assertThat(stack.api().metric("firelane_status_lag")).as("records not applied yet").isZero();
        });

        String rebuilt = "jdbc:h2:file:" + scratch.resolve("rebuilt") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        CliRun rebuild = replay("rebuild", "--into", rebuilt);
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        CliRun diff = replay("diff", "--rebuilt", rebuilt);

        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("jobs: " + JOBS + " live rows, " + JOBS + " rebuilt rows; no difference")
                .contains("job_commands:").doesNotContain("differs");
    }

    private void awaitRuns(long total) {
        await().atMost(Duration.ofSeconds(120)).until(() -> stack.count("SELECT SUM(run_count) FROM jobs") >= total);
    }


    private static void ok(ApiClient.Reply reply, int expected) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(expected);
    }

    private CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrapServers(), "--topic-prefix", FirelaneStack.PREFIX,
                "--jdbc", database.jdbcUrl(), "--db-user", database.user()));
        return CliRun.run(all.toArray(String[]::new));
    }
}
