package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the REST API never gives away, and the limits that keep a greedy or broken client from tying it up. */
class ApiHardeningTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_500_names_an_error_id_for_the_log_and_never_the_exception_text() {
        api.insertJob("nightly", "active", "{}");
        api.onPublish(command -> {
            throw new IllegalStateException("cannot reach jdbc:mysql://db-7.internal:3306/firelane as admin");
        });

        ApiTestServer.Reply reply = api.post("/api/jobs/nightly/pause", "{\"reason\":\"x\"}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().path("error").asText()).isEqualTo("internal");
        String errorId = reply.json().path("errorId").asText();
        assertThat(errorId).matches("[0-9a-f-]{36}");
        assertThat(reply.json().path("message").asText()).contains(errorId);
        assertThat(reply.raw().body()).doesNotContain("db-7", "jdbc", "IllegalStateException", "admin");
    }

    @Test
    void the_http_server_limits_are_set_unless_the_jvm_sets_them() {
        HttpLimits.DEFAULTS.forEach((key, value) -> assertThat(System.getProperty(key)).as(key).isNotNull());
        assertThat(HttpLimits.DEFAULTS).containsKeys("jdk.httpserver.maxConnections", "sun.net.httpserver.maxReqHeaders",
                "sun.net.httpserver.maxReqHeaderSize", "sun.net.httpserver.maxReqTime");
    }

    @Test
    void a_request_with_too_many_headers_is_refused() {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/jobs")).GET();
        for (int i = 0; i < 150; i++) {
            request.header("X-Filler-" + i, "x");
        }

        Integer status;
        try {
            status = api.send(request).status();
        } catch (IllegalStateException dropped) {
            status = null; // the JDK server may close the connection instead of answering
        }

        assertThat(status == null || status >= 400).as("refused, not served: %s", status).isTrue();
        assertThat(api.get("/health").status()).as("and the API goes on serving").isIn(200, 503);
    }
}
