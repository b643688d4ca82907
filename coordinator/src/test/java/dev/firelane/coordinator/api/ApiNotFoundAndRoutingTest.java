package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiNotFoundAndRoutingTest {
    private final ApiTestServer api = ApiTestServer.withHandlers();

    @AfterEach
    void close() {
        api.close();
    }

    private void assertNotFound(ApiTestServer.Reply reply, String messagePart) {
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText()).isEqualTo("not_found");
        assertThat(reply.json().path("message").asText()).contains(messagePart);
    }

    @Test
    void unknown_job_is_404_for_show_runs_audit_and_every_command() {
        assertNotFound(api.get("/api/jobs/ghost"), "ghost");
        assertNotFound(api.get("/api/jobs/ghost/runs"), "ghost");
        assertNotFound(api.get("/api/jobs/ghost/audit"), "ghost");
        assertNotFound(api.post("/api/jobs/ghost/pause", ""), "ghost");
        assertNotFound(api.post("/api/jobs/ghost/resume", "{\"reason\":\"x\"}"), "ghost");
        assertNotFound(api.post("/api/jobs/ghost/trigger", ""), "ghost");
        assertNotFound(api.delete("/api/jobs/ghost"), "ghost");
        assertThat(api.published).isEmpty();
    }

    @Test
    void deleted_job_is_404_for_show_and_pause_but_keeps_its_runs() {
        api.insertJob("gone", "deleted", "{}");
        api.insertRun("gone@1", "gone", java.time.Instant.parse("2026-03-01T09:00:00Z"), null, null, null);
        assertNotFound(api.get("/api/jobs/gone"), "was deleted");
        assertNotFound(api.post("/api/jobs/gone/pause", ""), "was deleted");
        assertThat(api.get("/api/jobs/gone/runs").json()).hasSize(1);
        assertThat(api.get("/api/jobs").json()).isEmpty();
        assertThat(api.get("/api/jobs?status=deleted").json()).hasSize(1);
        assertThat(api.published).isEmpty();
    }

    @Test
    void unknown_route_is_a_json_404() {
        assertNotFound(api.get("/api/nothing"), "GET /api/nothing");
        assertNotFound(api.get("/api/jobs/a/b/c/d"), "no such endpoint");
    }

    @Test
    void wrong_method_is_a_405_naming_the_allowed_ones() {
        var reply = api.send(HttpRequest.newBuilder(api.uri("/api/jobs")).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(reply.raw().headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(api.get("/api/jobs/x/pause").status()).isEqualTo(405);
    }

    @Test
    void bad_query_parameters_are_refused_by_name() {
        api.insertJob("j1", "active", "{}");
        var reply = api.get("/api/jobs/j1/runs?limit=0");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("limit");
        assertThat(api.get("/api/jobs?status=sleepy").json().path("field").asText()).isEqualTo("status");
    }
}
