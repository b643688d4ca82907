package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** limit and offset on the lists; a full page links to the next one. */
class ApiPagingTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void jobs_page_by_id_with_a_link_to_the_next_page_while_pages_are_full() {
        for (String id : new String[] {"a", "b", "c", "d", "e"}) {
            api.insertJob(id, id.equals("c") ? "paused" : "active", "{}");
        }
        var first = api.get("/api/jobs?limit=2");
        assertThat(first.json().findValuesAsText("id")).containsExactly("a", "b");
        assertThat(first.raw().headers().firstValue("Link")).hasValue("</api/jobs?limit=2&offset=2>; rel=\"next\"");
        var second = api.get("/api/jobs?limit=2&offset=2");
        assertThat(second.json().findValuesAsText("id")).containsExactly("c", "d");
        var last = api.get("/api/jobs?limit=2&offset=4");
        assertThat(last.json().findValuesAsText("id")).containsExactly("e");
        assertThat(last.raw().headers().firstValue("Link")).as("a short page is the last").isEmpty();

        var active = api.get("/api/jobs?status=active&limit=2&offset=2");
        assertThat(active.json().findValuesAsText("id")).containsExactly("d", "e");
        assertThat(active.raw().headers().firstValue("Link"))
                .hasValue("</api/jobs?limit=2&offset=4&status=active>; rel=\"next\"");
    }

    @Test
    void runs_and_audit_page_too() {
        api.insertJob("r", "active", "{}");
        Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
        for (int i = 1; i <= 3; i++) {
            api.insertRun("r@" + i, "r", t0.plusSeconds(i), null, null, null);
            api.insertCommand("c-" + i, "r", "Trigger", "applied", null);
        }
        assertThat(api.get("/api/jobs/r/runs?limit=2&offset=1").json().findValuesAsText("fireId"))
                .containsExactly("r@2", "r@1");
        assertThat(api.get("/api/jobs/r/audit?limit=2&offset=2").json()).hasSize(1);
        assertThat(api.get("/api/jobs/r/audit?limit=1").raw().headers().firstValue("Link"))
                .hasValue("</api/jobs/r/audit?limit=1&offset=1>; rel=\"next\"");
        assertThat(api.get("/api/jobs/r/audit?offset=9").json()).as("past the end: empty, not 404").isEmpty();
    }

    @Test
    void a_bad_offset_is_refused_by_name() {
        var reply = api.get("/api/jobs?offset=-1");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("offset");
        assertThat(api.get("/api/jobs?offset=many").json().path("field").asText()).isEqualTo("offset");
    }
}
