package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signature test of Firelane, end to end on a real KRaft broker and the local MariaDB: a run
 * blocked on a latch, a pause through the API, the latch released — and the row is still paused.
 */
class SeedScenarioOnMariaDbTest {
    private static final LatchHandler LATCH = new LatchHandler();
    private static DatabaseConfig database;
    private static FirelaneStack stack;

    @BeforeAll
    static void start() {
        database = TestDatabases.mariaDb();
        stack = FirelaneStack.start(database, LATCH);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void pause_during_run_survives_completion() throws Exception {
        ApiClient api = stack.api();
        ApiClient.Reply created = api.post("/api/jobs",
                "{\"id\":\"seed\",\"scheduleKind\":\"every\",\"schedule\":\"2s\",\"handler\":\"latch\"}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        assertThat(created.body().path("status").asText()).isEqualTo("active");

        assertThat(LATCH.firstRunStarted.await(60, TimeUnit.SECONDS)).as("the first run started").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.runs("seed").path(0).path("outcome").asText()).isEqualTo("running"));

        ApiClient.Reply paused = api.post("/api/jobs/seed/pause", "{\"reason\":\"seed scenario\"}");
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(paused.body().path("status").asText()).isEqualTo("paused");
        assertThat(api.job("seed").path("status").asText()).as("the pause is in the database when the call returns")
                .isEqualTo("paused");

        LATCH.release.countDown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode job = api.job("seed");
            assertThat(job.path("runCount").asLong()).isEqualTo(1);
            assertThat(job.path("lastRunStatus").asText()).isEqualTo("ok");
            assertThat(job.path("lastRunAt").isTextual()).isTrue();
        });
        JsonNode job = api.job("seed");
        assertThat(job.path("status").asText()).as("the completion did not undo the pause").isEqualTo("paused");
        JsonNode runs = api.runs("seed");
        assertThat(runs).hasSize(1);
        assertThat(runs.path(0).path("outcome").asText()).isEqualTo("ok");
        assertThat(runs.path(0).path("workerId").asText()).isNotBlank();
        assertThat(runs.path(0).path("finishedAt").isTextual()).isTrue();

        // Three schedule periods: nothing new fires, and the job stays paused throughout.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                api.runs("seed").size() == 1 && "paused".equals(api.job("seed").path("status").asText()));
        assertThat(LATCH.startedFireIds).hasSize(1);

        ApiClient.Reply resumed = api.post("/api/jobs/seed/resume", "{}");
        assertThat(resumed.status()).as("resume: %s", resumed.body()).isEqualTo(200);
        assertThat(resumed.body().path("status").asText()).isEqualTo("active");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.job("seed").path("runCount").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(LATCH.startedFireIds.size()).isGreaterThanOrEqualTo(2);
        });
        assertThat(api.job("seed").path("status").asText()).isEqualTo("active");
    }
}
