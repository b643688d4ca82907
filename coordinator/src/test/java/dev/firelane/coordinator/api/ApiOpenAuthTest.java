package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With authentication off (dev --no-auth, tests): every caller is an operator who names itself. */
class ApiOpenAuthTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void requests_without_a_token_are_served_and_record_the_user_header() {
        api.insertJob("j", "active", "{}");
        assertThat(api.get("/api/jobs").status()).isEqualTo(200);
        api.send(HttpRequest.newBuilder(api.uri("/api/jobs/j/trigger?wait=false")).header("X-Firelane-User", "bob")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(api.published).singleElement().satisfies(c -> assertThat(c.requestedBy()).isEqualTo("bob"));
    }

    @Test
    void whoami_says_authentication_is_off() {
        var me = api.get("/api/whoami").json();
        assertThat(me.path("auth").asBoolean()).isFalse();
        assertThat(me.path("role").asText()).isEqualTo("operator");
        assertThat(me.path("name").asText()).isEqualTo("api");
    }

    @Test
    void an_overlong_user_header_is_refused_by_name() {
        var reply = api.send(HttpRequest.newBuilder(api.uri("/api/jobs")).header("X-Firelane-User", "u".repeat(129)).GET());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("X-Firelane-User");
    }
}
