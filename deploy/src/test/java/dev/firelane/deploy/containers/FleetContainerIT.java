package dev.firelane.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.e2e.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The end-to-end scenarios on Firelane as it is deployed: Kafka from {@code KafkaContainer}, MySQL, a coordinator
 * and workers, each a container (see {@link ContainerFleet}). One fleet for the class; the tests run in order
 * because the last two change it (a worker added, a worker killed).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetContainerIT {
    private static HostEndpoint endpoint;
    private static ContainerFleet fleet;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        endpoint = new HostEndpoint();
        fleet = ContainerFleet.start(2);
        api = fleet.api();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    @Order(1)
    void a_pause_during_a_run_survives_its_completion() {
        create("seed", "every", "2s", endpoint.latchPayload("seed"));
        await("the first run is running").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.runs("seed").path(0).path("outcome").asText()).as(fleet.logs()).isEqualTo("running"));
        assertThat(endpoint.calls("seed")).isEqualTo(1);

        ApiClient.Reply paused = api.post("/api/jobs/seed/pause", "{\"reason\":\"seed scenario in containers\"}");
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(api.job("seed").path("status").asText()).isEqualTo("paused");

        endpoint.release("seed");
        await("the run's completion is applied").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode job = api.job("seed");
            assertThat(job.path("runCount").asLong()).isEqualTo(1);
            assertThat(job.path("lastRunStatus").asText()).isEqualTo("ok");
        });
        assertThat(api.job("seed").path("status").asText()).as("the completion did not undo the pause").isEqualTo("paused");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() ->
                endpoint.calls("seed") == 1 && "paused".equals(api.job("seed").path("status").asText()));

        assertThat(api.post("/api/jobs/seed/resume", "{}").status()).isEqualTo(200);
        await("fires again once resumed").atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.calls("seed") >= 2);
        assertThat(api.post("/api/jobs/seed/pause", "{}").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void a_pause_under_load_applies_at_once_and_stops_the_job() {
        List<String> load = IntStream.range(0, 40).mapToObj(i -> "load-" + i).toList();
        load.forEach(id -> create(id, "every", "1s", endpoint.okPayload(id)));
        create("target", "every", "1s", endpoint.okPayload("target"));
        await("the load runs").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(endpoint.calls("target")).isGreaterThanOrEqualTo(3);
            assertThat(api.job("load-39").path("runCount").asLong()).isGreaterThanOrEqualTo(2);
        });

        Instant asked = Instant.now();
        ApiClient.Reply paused = api.post("/api/jobs/target/pause", "{\"reason\":\"under load\"}");
        Duration took = Duration.between(asked, Instant.now());
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(api.job("target").path("status").asText()).isEqualTo("paused");
        System.out.printf("pause under load (41 jobs every second, %d workers): applied in %d ms%n",
                fleet.workers().size(), took.toMillis());

        // a fire already handed to a worker may still complete; nothing after it
        int atPause = endpoint.calls("target");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> endpoint.calls("target") <= atPause + 1);
        assertThat(api.job("target").path("status").asText()).isEqualTo("paused");
        load.forEach(this::pause);
    }

    @Test
    @Order(3)
    void an_added_worker_takes_its_share_of_the_fires() {
        GenericContainer<?> added = fleet.addWorker();
        Set<String> live = fleet.workers().stream().map(ContainerFleet::workerId).collect(Collectors.toSet());
        assertThat(live).hasSize(3).contains(ContainerFleet.workerId(added));
        List<String> jobs = IntStream.range(0, 24).mapToObj(i -> "scale-" + i).toList();
        Instant since = Instant.now();
        jobs.forEach(id -> create(id, "every", "1s", endpoint.okPayload(id)));

        await("every worker runs fires").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(workersThatRan(jobs, since)).as(fleet.logs()).containsAll(live));
        jobs.forEach(this::pause);
    }

    @Test
    @Order(4)
    void a_run_of_a_killed_worker_is_redelivered_and_counted_once() {
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        create("crash", "at", at.toString(), endpoint.latchPayload("crash"));
        await("a worker runs the fire").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.runs("crash").path(0).path("outcome").asText()).isEqualTo("running"));
        String doomedId = api.runs("crash").path(0).path("workerId").asText();
        GenericContainer<?> doomed = fleet.workers().stream().filter(w -> ContainerFleet.workerId(w).equals(doomedId))
                .findFirst().orElseThrow(() -> new AssertionError("no worker container " + doomedId));

        fleet.kill(doomed);
        endpoint.release("crash");

        await("completed by another worker").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.job("crash").path("runCount").asLong()).as(fleet.logs()).isEqualTo(1));
        JsonNode job = api.job("crash");
        assertThat(job.path("lastRunStatus").asText()).isEqualTo("ok");
        assertThat(job.path("status").asText()).as("an at job that succeeded").isEqualTo("completed");
        JsonNode runs = api.runs("crash");
        assertThat(runs).hasSize(1);
        assertThat(runs.path(0).path("outcome").asText()).isEqualTo("ok");
        assertThat(runs.path(0).path("workerId").asText()).isNotEqualTo(doomedId);
        assertThat(endpoint.calls("crash")).as("called by the killed worker, then by its successor").isEqualTo(2);
    }

    private void create(String id, String kind, String schedule, String payload) {
        ApiClient.Reply created = api.post("/api/jobs", "{\"id\":\"" + id + "\",\"scheduleKind\":\"" + kind
                + "\",\"schedule\":\"" + schedule + "\",\"handler\":\"http\",\"payload\":" + payload + "}");
        assertThat(created.status()).as("create %s: %s", id, created.body()).isEqualTo(201);
    }

    private void pause(String id) {
        assertThat(api.post("/api/jobs/" + id + "/pause", "{}").status()).as("pause %s", id).isEqualTo(200);
    }

    private static Set<String> workersThatRan(List<String> jobs, Instant since) {
        Set<String> ids = new HashSet<>();
        for (String job : jobs) {
            for (JsonNode run : api.runs(job)) {
                if (Instant.parse(run.path("startedAt").asText(since.toString())).isAfter(since)) {
                    ids.add(run.path("workerId").asText());
                }
            }
        }
        return ids;
    }
}
