package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiValidationTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop", "sleep");

    @AfterEach
    void close() {
        api.close();
    }

    private static String job(String fields) {
        return "{\"id\":\"report-daily\",\"scheduleKind\":\"cron\",\"schedule\":\"0 0 6 * * ?\",\"handler\":\"noop\""
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private void assertInvalid(ApiTestServer.Reply reply, String field, String messagePart) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid");
        assertThat(reply.json().path("field").asText()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).contains(messagePart);
        assertThat(api.published).as("nothing is published for a refused request").isEmpty();
    }

    @Test
    void invalid_cron_is_refused_naming_schedule() {
        var reply = api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"cron\",\"schedule\":\"0 61 * * * ?\","
                + "\"handler\":\"noop\"}");
        assertInvalid(reply, "schedule", "0 61 * * * ?");
    }

    @Test
    void cron_with_wrong_field_count_is_refused_naming_schedule() {
        assertInvalid(api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"cron\",\"schedule\":\"* *\","
                + "\"handler\":\"noop\"}"), "schedule", "2 fields");
    }

    @Test
    void unknown_handler_is_refused_naming_handler_and_known_ones() {
        var reply = api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"5s\","
                + "\"handler\":\"mailer\"}");
        assertInvalid(reply, "handler", "unknown handler 'mailer'; known: noop, sleep");
    }

    @Test
    void malformed_id_is_refused_naming_id() {
        assertInvalid(api.post("/api/jobs", "{\"id\":\"-bad id\",\"scheduleKind\":\"every\",\"schedule\":\"5s\","
                + "\"handler\":\"noop\"}"), "id", "must match");
    }

    @Test
    void missing_id_is_refused_naming_id() {
        assertInvalid(api.post("/api/jobs", "{\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"noop\"}"),
                "id", "is required");
    }

    @Test
    void oversized_payload_is_refused_naming_payload() {
        String big = "x".repeat(70 * 1024);
        assertInvalid(api.post("/api/jobs", job("\"payload\":{\"blob\":\"" + big + "\"}")), "payload",
                "the limit is 65536");
    }

    @Test
    void body_that_is_not_json_is_refused_naming_body() {
        assertInvalid(api.post("/api/jobs", "{\"id\": \"a\", "), "body", "not valid JSON");
        assertInvalid(api.post("/api/jobs", "[1,2]"), "body", "must be a JSON object");
        assertInvalid(api.post("/api/jobs", ""), "body", "required");
    }

    @Test
    void unknown_schedule_kind_is_refused_naming_schedule_kind() {
        assertInvalid(api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"hourly\",\"schedule\":\"5s\","
                + "\"handler\":\"noop\"}"), "scheduleKind", "cron, every, at");
    }

    @Test
    void bad_time_zone_overlap_and_max_errors_are_refused_by_name() {
        assertInvalid(api.post("/api/jobs", job("\"timeZone\":\"Mars/Olympus\"")), "timeZone", "Mars/Olympus");
        assertInvalid(api.post("/api/jobs", job("\"overlap\":\"sometimes\"")), "overlap", "skip, allow, queue");
        assertInvalid(api.post("/api/jobs", job("\"maxErrors\":-1")), "maxErrors", "0 (no limit) or more");
        assertInvalid(api.post("/api/jobs", job("\"maxErrors\":\"3\"")), "maxErrors", "whole number");
        assertInvalid(api.post("/api/jobs", job("\"paused\":\"yes\"")), "paused", "true or false");
    }

    @Test
    void misspelt_field_is_refused_rather_than_ignored() {
        assertInvalid(api.post("/api/jobs", job("\"pasued\":true")), "pasued", "unknown field");
    }

    @Test
    void too_long_reason_is_refused_naming_reason() {
        api.insertJob("j1", "active", "{}");
        assertInvalid(api.post("/api/jobs/j1/pause", "{\"reason\":\"" + "r".repeat(1025) + "\"}"), "reason",
                "the limit is 1024");
    }

    @Test
    void creating_an_existing_job_is_a_conflict() {
        api.insertJob("report-daily", "paused", "{}");
        var reply = api.post("/api/jobs", job(""));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("message").asText()).contains("report-daily").contains("already exists");
        assertThat(api.published).isEmpty();
    }

    @Test
    void body_larger_than_the_limit_is_refused_with_413() {
        var reply = api.post("/api/jobs", job("\"payload\":\"" + "x".repeat(2 * 1024 * 1024) + "\""));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("field").asText()).isEqualTo("body");
    }
}
