package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.testing.ChildJvm;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process SIGKILLed in the middle of a run: no shutdown, no commit, no goodbye to its group. Its
 * fire is redelivered to the other worker once the group notices, completes there, and the status stream
 * on MariaDB applies that one outcome: run_count is 1, nothing is left running.
 */
class WorkerCrashOnMariaDbTest {
    private static final String PREFIX = "crash.";

    @TempDir
    Path dir;

    private DatabaseConfig database;
    private CoordinatorStack stack;
    private Worker survivor;

    @BeforeEach
    void start() {
        database = TestDatabases.mariaDb();
        // one partition: whoever owns it runs the fire, the other worker waits
        stack = CoordinatorStack.start(PREFIX, 1, database);
    }

    @AfterEach
    void stop() {
        if (survivor != null) {
            survivor.close();
        }
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void a_worker_killed_mid_run_has_its_fire_completed_by_another_and_counted_once() {
        ApiClient api = stack.api();
        try (ChildJvm doomed = ChildJvm.start(dir.resolve("doomed.log"), WorkerProcessMain.class,
                stack.kafka().bootstrapServers(), PREFIX, "doomed")) {
            Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
            ApiClient.Reply created = api.post("/api/jobs", "{\"id\":\"crash\",\"scheduleKind\":\"at\",\"schedule\":\""
                    + at + "\",\"handler\":\"" + WorkerProcessMain.HANDLER + "\"}");
            assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
            await("the doomed worker runs the fire").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(doomed.isAlive()).as("child alive:%n%s", doomed.logTail()).isTrue();
                JsonNode run = api.runs("crash").path(0);
                assertThat(run.path("outcome").asText()).isEqualTo("running");
                assertThat(run.path("workerId").asText()).isEqualTo("doomed");
            });
            survivor = new Worker(WorkerConfig.builder(stack.kafka().bootstrapServers()).topicPrefix(PREFIX)
                    .workerId("survivor").build(), HandlerRegistry.load().with(new Quick()), Clock.systemUTC());
            survivor.start();
            await("the survivor joined").atMost(Duration.ofSeconds(30))
                    .until(() -> stack.kafka().groupMembers(WorkerConfig.DEFAULT_GROUP_ID) == 2);
            assertThat(survivor.counters().started()).as("the fire is the doomed worker's").isZero();

            doomed.kill();
        }

        await("completed on the survivor").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(api.job("crash").path("runCount").asLong()).isEqualTo(1));
        JsonNode job = api.job("crash");
        assertThat(job.path("lastRunStatus").asText()).isEqualTo("ok");
        assertThat(job.path("status").asText()).as("an at job that succeeded").isEqualTo("completed");
        JsonNode runs = api.runs("crash");
        assertThat(runs).hasSize(1);
        assertThat(runs.path(0).path("outcome").asText()).isEqualTo("ok");
        assertThat(runs.path(0).path("workerId").asText()).isEqualTo("survivor");
        assertThat(stack.count("SELECT COUNT(*) FROM job_runs WHERE finished_at IS NULL")).as("nothing left running").isZero();

        List<RunEvent.Completed> completions = stack.kafka().readValues(Topics.RUNS, PREFIX).stream()
                .filter(RunEvent.Completed.class::isInstance).map(RunEvent.Completed.class::cast).toList();
        assertThat(completions).singleElement().satisfies(c -> assertThat(c.workerId()).isEqualTo("survivor"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> api.job("crash").path("runCount").asLong() == 1);
    }

    /** The same handler name as the doomed worker's, but it finishes. */
    private static final class Quick implements JobHandler {
        @Override
        public String name() {
            return WorkerProcessMain.HANDLER;
        }

        @Override
        public HandlerResult run(RunContext context) {
            return HandlerResult.ok();
        }
    }
}
