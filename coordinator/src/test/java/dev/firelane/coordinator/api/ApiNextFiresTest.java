package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/jobs/{id}/next}: a dry run of a job's schedule. */
class ApiNextFiresTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    private void assertInvalid(ApiTestServer.Reply reply, String field) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid");
        assertThat(reply.json().path("field").asText()).isEqualTo(field);
    }

    @Test
    void every_job_lists_times_on_its_fixed_rate_from_creation() {
        api.insertJob("tick", "active", "{}", "every", "10m", "UTC", CREATED);

        JsonNode next = api.get("/api/jobs/tick/next?count=3&from=2026-03-01T10:25:00Z").json();

        assertThat(next.path("jobId").asText()).isEqualTo("tick");
        assertThat(next.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(next.path("from").asText()).isEqualTo("2026-03-01T10:25:00Z");
        assertThat(next.path("times").findValuesAsText("utc"))
                .containsExactly("2026-03-01T10:30:00Z", "2026-03-01T10:40:00Z", "2026-03-01T10:50:00Z");
        assertThat(next.path("times").findValuesAsText("local"))
                .containsExactly("2026-03-01T10:30:00Z", "2026-03-01T10:40:00Z", "2026-03-01T10:50:00Z");
    }

    @Test
    void defaults_are_five_times_after_now() {
        api.insertJob("tick", "paused", "{}", "every", "10m", "UTC", ApiTestServer.CLOCK.instant());

        JsonNode next = api.get("/api/jobs/tick/next").json();

        assertThat(next.path("from").asText()).isEqualTo(ApiTestServer.CLOCK.instant().toString());
        assertThat(next.path("times")).hasSize(5);
        assertThat(next.path("times").get(0).path("utc").asText()).isEqualTo("2026-03-01T10:10:00Z");
    }

    @Test
    void cron_times_are_shown_in_the_jobs_zone_across_spring_forward() {
        api.insertJob("nightly", "active", "{}", "cron", "30 2 * * *", "Europe/Berlin", CREATED);

        JsonNode next = api.get("/api/jobs/nightly/next?count=3&from=2026-03-28T00:00:00Z").json();

        assertThat(next.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        // 2026-03-29 02:30 does not exist in Berlin: it fires once, at the first instant after the gap (03:00 CEST)
        assertThat(next.path("times").findValuesAsText("local")).containsExactly(
                "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00");
        assertThat(next.path("times").findValuesAsText("utc")).containsExactly(
                "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z");
    }

    @Test
    void at_job_in_the_past_has_no_more_times() {
        api.insertJob("once", "completed", "{}", "at", "2026-02-01T09:00:00Z", "UTC", CREATED);

        JsonNode next = api.get("/api/jobs/once/next?from=2026-03-01T00:00:00Z").json();

        assertThat(next.path("times").isArray()).isTrue();
        assertThat(next.path("times")).isEmpty();
    }

    @Test
    void window_bounds_the_times() {
        api.insertJob("tick", "active", "{}", "every", "10m", "UTC", CREATED);
        api.setPolicies("tick", Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T10:45:00Z"), 1, null,
                100);

        JsonNode next = api.get("/api/jobs/tick/next?count=10&from=2026-03-01T10:00:00Z").json();

        assertThat(next.path("times").findValuesAsText("utc"))
                .containsExactly("2026-03-01T10:20:00Z", "2026-03-01T10:30:00Z", "2026-03-01T10:40:00Z");
    }

    @Test
    void bad_count_and_from_are_refused_by_name() {
        api.insertJob("tick", "active", "{}", "every", "10m", "UTC", CREATED);

        assertInvalid(api.get("/api/jobs/tick/next?count=0"), "count");
        assertInvalid(api.get("/api/jobs/tick/next?count=1001"), "count");
        assertInvalid(api.get("/api/jobs/tick/next?count=many"), "count");
        assertInvalid(api.get("/api/jobs/tick/next?from=yesterday"), "from");
        assertThat(api.get("/api/jobs/tick/next?count=1000").json().path("times")).hasSize(1000);
    }

    @Test
    void unknown_and_deleted_jobs_are_404() {
        api.insertJob("gone", "deleted", "{}");

        assertThat(api.get("/api/jobs/ghost/next").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/gone/next").status()).isEqualTo(404);
    }
}
