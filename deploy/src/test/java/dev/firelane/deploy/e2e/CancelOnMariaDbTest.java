package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's cancel, end to end: REST API → control → the worker running the fire → cancelled in MariaDB. */
class CancelOnMariaDbTest {
    private static final String PREFIX = "cancel.";

    private DatabaseConfig database;
    private CoordinatorStack stack;
    private Worker worker;

    @BeforeEach
    void start() {
        database = TestDatabases.mariaDb();
        stack = CoordinatorStack.start(PREFIX, 2, database);
        worker = new Worker(WorkerConfig.builder(stack.kafka().bootstrapServers()).topicPrefix(PREFIX)
                .workerId("cancel-worker").build(), HandlerRegistry.load(), Clock.systemUTC());
        worker.start();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void cancel_through_the_api_ends_the_running_fire_cancelled() {
        ApiClient api = stack.api();
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Reply created = api.post("/api/jobs", "{\"id\":\"long\",\"scheduleKind\":\"at\",\"schedule\":\"" + at
                + "\",\"handler\":\"sleep\",\"payload\":{\"ms\":600000}}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        String fireId = await("running").atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode run = api.runs("long").path(0);
            return "running".equals(run.path("outcome").asText()) && worker.listensForCancels() ? run.path("fireId").asText() : null;
        }, id -> id != null);

        ApiClient.Reply cancelled = api.post("/api/jobs/long/runs/" + URLEncoder.encode(fireId, StandardCharsets.UTF_8)
                + "/cancel", "{\"reason\":\"wrong input\"}");
        assertThat(cancelled.status()).as("cancel: %s", cancelled.body()).isEqualTo(200);

        await("cancelled").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = api.runs("long").path(0);
            assertThat(run.path("outcome").asText()).isEqualTo("cancelled");
            assertThat(run.path("workerId").asText()).isEqualTo("cancel-worker");
        });
        JsonNode job = api.job("long");
        assertThat(job.path("runCount").asLong()).isEqualTo(1);
        assertThat(job.path("lastRunStatus").asText()).isEqualTo("cancelled");
        assertThat(api.get("/api/jobs/long/audit").body().toString()).contains("Cancel", "wrong input");
        assertThat(worker.counters().inFlight()).isZero();
    }
}
