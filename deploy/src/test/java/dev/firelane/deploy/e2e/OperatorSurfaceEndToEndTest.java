package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import dev.firelane.coordinator.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator surface on the real stack with tokens: who may do what, the audit naming the token, the
 * pause of a run in flight holding, illegal transitions refused, and /metrics and /health saying so.
 */
class OperatorSurfaceEndToEndTest {
    private static final String OPERATOR = "alice-secret-0123456789";
    private static final String VIEWER = "grafana-secret-0123456789";
    private static final LatchHandler LATCH = new LatchHandler();
    private static FirelaneStack stack;

    @BeforeAll
    static void start() {
        stack = FirelaneStack.start(TestDatabases.h2(), ApiAuth.tokens(List.of(
                new ApiToken("alice", Role.OPERATOR, OPERATOR), new ApiToken("grafana", Role.VIEWER, VIEWER))), LATCH);
    }

    @AfterAll
    static void stop() {
        LATCH.release.countDown();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_pause_by_token_holds_through_the_run_in_flight_and_the_audit_and_metrics_say_so() throws Exception {
        ApiClient alice = stack.api(OPERATOR);
        ApiClient grafana = stack.api(VIEWER);
        assertThat(stack.api().get("/api/jobs").status()).isEqualTo(401);
        ApiClient.Reply created = alice.post("/api/jobs",
                "{\"id\":\"report\",\"scheduleKind\":\"every\",\"schedule\":\"2s\",\"handler\":\"latch\"}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        assertThat(created.body().path("scheduleText").asText()).isEqualTo("every 2 s");

        assertThat(LATCH.firstRunStarted.await(60, TimeUnit.SECONDS)).as("the first run started").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode job = grafana.job("report");
            assertThat(job.path("lastFireStatus").asText()).isEqualTo("running");
            assertThat(job.path("inFlight").asBoolean()).isTrue();
            assertThat(metric("firelane_due_set_size")).as("the active job waits in the due set (the"
                    + " other tests' jobs are paused or completed)").isEqualTo(1);
        });

        double pausesBefore = metricOrZero("firelane_status_events_applied_total{type=\"Pause\"}");
        String pauseRoute = "firelane_api_requests_seconds_count{method=\"POST\",route=\"/api/jobs/{id}/pause\",status=";
        double okBefore = metricOrZero(pauseRoute + "\"200\"}");
        assertThat(grafana.post("/api/jobs/report/pause", "{\"reason\":\"viewer tries\"}").status()).isEqualTo(403);
        ApiClient.Reply paused = alice.post("/api/jobs/report/pause", "{\"reason\":\"db maintenance\"}");
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(paused.body().path("status").asText()).isEqualTo("paused");
        assertThat(paused.body().path("command").path("requestedBy").asText()).isEqualTo("alice");

        LATCH.release.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(grafana.job("report").path("runCount").asLong()).isEqualTo(1));
        JsonNode job = grafana.job("report");
        assertThat(job.path("status").asText()).as("the completion did not undo the pause").isEqualTo("paused");
        assertThat(job.path("inFlight").asBoolean()).isFalse();

        JsonNode audit = grafana.get("/api/jobs/report/audit").body();
        assertThat(audit.findValuesAsText("kind")).containsExactly("Create", "Pause");
        assertThat(audit.findValuesAsText("requestedBy")).as("the token's name, whatever header was sent")
                .containsExactly("alice", "alice");
        assertThat(audit.get(1).path("reason").asText()).isEqualTo("db maintenance");
        assertThat(audit.get(1).path("result").asText()).isEqualTo("applied");
        assertThat(audit.get(1).path("appliedAt").isTextual()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("firelane_status_pauses_preserved_total")).isEqualTo(1);
            assertThat(metric("firelane_due_set_size")).as("a paused job is not due").isZero();
            assertThat(metric("firelane_status_events_applied_total{type=\"Pause\"}")).isEqualTo(pausesBefore + 1);
            assertThat(metric("firelane_status_events_applied_total{type=\"Completed\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metric("firelane_fires_emitted_total")).isGreaterThanOrEqualTo(1);
            assertThat(metric("firelane_fire_lateness_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(metric("firelane_status_apply_latency_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(metric(pauseRoute + "\"200\"}")).isEqualTo(okBefore + 1);
            assertThat(metric(pauseRoute + "\"403\"}")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void illegal_transitions_are_409_with_the_status_streams_reason() {
        ApiClient alice = stack.api(OPERATOR);
        String at = Instant.now().plusSeconds(1).toString();
        assertThat(alice.post("/api/jobs", "{\"id\":\"once\",\"scheduleKind\":\"at\",\"schedule\":\"" + at
                + "\",\"handler\":\"noop\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(alice.job("once").path("status").asText()).isEqualTo("completed"));

        ApiClient.Reply resumed = alice.post("/api/jobs/once/resume", "{}");
        assertThat(resumed.status()).isEqualTo(409);
        assertThat(resumed.body().path("error").asText()).isEqualTo("rejected");
        assertThat(resumed.body().path("message").asText()).isEqualTo("cannot resume a completed job");
        ApiClient.Reply triggered = alice.post("/api/jobs/once/trigger", "{}");
        assertThat(triggered.status()).isEqualTo(409);
        assertThat(triggered.body().path("message").asText()).isEqualTo("cannot trigger a completed job");
        JsonNode audit = alice.get("/api/jobs/once/audit").body();
        assertThat(audit.findValuesAsText("result")).containsExactly("applied", "rejected", "rejected");
    }

    @Test
    void wait_false_is_202_and_the_command_can_be_followed_until_applied() {
        ApiClient alice = stack.api(OPERATOR);
        assertThat(alice.post("/api/jobs", "{\"id\":\"later\",\"scheduleKind\":\"every\",\"schedule\":\"1h\","
                + "\"handler\":\"noop\"}").status()).isEqualTo(201);
        ApiClient.Reply accepted = alice.post("/api/jobs/later/pause?wait=false", "{\"reason\":\"not now\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.body().path("location").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiClient.Reply command = alice.get(location);
            assertThat(command.status()).isEqualTo(200);
            assertThat(command.body().path("result").asText()).isEqualTo("applied");
        });
        assertThat(alice.job("later").path("status").asText()).isEqualTo("paused");
    }

    @Test
    void health_answers_without_a_token_with_every_component_up() {
        ApiClient.Reply health = stack.api().get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.body().path("components");
        for (String component : new String[] {"kafka", "database", "statusStream", "fireStream"}) {
            assertThat(components.path(component).path("up").asBoolean()).as(component).isTrue();
        }
        assertThat(components.path("statusStream").path("detail").asText()).isEqualTo("RUNNING");
    }

    /** A sample of the Prometheus text (read without a token); {@code series} is the name, with labels as printed. */
    private static double metric(String series) {
        String text = stack.api().text("/metrics");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + series + " in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static double metricOrZero(String series) {
        try {
            return metric(series);
        } catch (AssertionError e) {
            return 0;
        }
    }
}
