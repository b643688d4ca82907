package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad schedules, windows and policies are refused with 400 naming the field, on create and on update. */
class ApiScheduleValidationTest {
    // a request that wrongly passes validation fails fast on the command wait instead of taking 10 s
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .commandTimeout(Duration.ofMillis(300)), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    private static String job(String schedule, String fields) {
        return "{\"id\":\"j\"," + schedule + ",\"handler\":\"noop\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String cron(String expression) {
        return "\"scheduleKind\":\"cron\",\"schedule\":\"" + expression + "\"";
    }

    private static final String EVERY_MINUTE = "\"scheduleKind\":\"every\",\"schedule\":\"1m\"";

    private void assertInvalid(ApiTestServer.Reply reply, String field, String messagePart) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid");
        assertThat(reply.json().path("field").asText()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).contains(messagePart);
        assertThat(api.published).as("nothing is published for a refused request").isEmpty();
    }

    private void assertInvalidOnCreateAndUpdate(String body, String field, String messagePart) {
        assertInvalid(api.post("/api/jobs", body), field, messagePart);
        api.insertJob("j", "active", "{}");
        try {
            assertInvalid(api.put("/api/jobs/j", body), field, messagePart);
        } finally {
            api.deleteJobRow("j");
        }
    }

    @Test
    void impossible_cron_is_refused_naming_schedule() {
        assertInvalidOnCreateAndUpdate(job(cron("0 0 30 2 *"), ""), "schedule", "0 0 30 2 *");
    }

    @Test
    void unknown_zone_is_refused_naming_time_zone() {
        assertInvalidOnCreateAndUpdate(job(cron("0 0 6 * * ?"), "\"timeZone\":\"Europe/Atlantis\""), "timeZone",
                "Europe/Atlantis");
    }

    @Test
    void zero_interval_is_refused_naming_schedule() {
        assertInvalidOnCreateAndUpdate(job("\"scheduleKind\":\"every\",\"schedule\":\"0s\"", ""), "schedule", "0s");
    }

    @Test
    void window_that_ends_before_it_starts_is_refused_naming_not_after() {
        assertInvalidOnCreateAndUpdate(job(EVERY_MINUTE,
                "\"notBefore\":\"2026-05-01T00:00:00Z\",\"notAfter\":\"2026-04-01T00:00:00Z\""), "notAfter",
                "notBefore");
    }

    @Test
    void malformed_window_instants_are_refused_by_name() {
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"notBefore\":\"tomorrow\"")), "notBefore", "ISO-8601");
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"notAfter\":1700000000")), "notAfter", "string");
    }

    @Test
    void malformed_timeout_is_refused_naming_timeout() {
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"timeout\":\"soon\"")), "timeout", "soon");
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"timeout\":30")), "timeout", "string");
    }

    @Test
    void out_of_range_retries_and_misfire_limit_are_refused_by_name() {
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"maxAttempts\":0")), "maxAttempts", "");
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"maxAttempts\":\"3\"")), "maxAttempts", "whole number");
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"misfireLimit\":0")), "misfireLimit", "");
        assertInvalid(api.post("/api/jobs", job(EVERY_MINUTE, "\"misfire\":\"never\"")), "misfire", "skip, once, all");
    }
}
