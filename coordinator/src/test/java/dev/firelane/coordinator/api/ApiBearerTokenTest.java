package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bearer tokens: no token 401, viewer reads, operator changes, the token's name in the audit. */
class ApiBearerTokenTest {
    static final String OPERATOR = "operator-secret-0123456789";
    static final String VIEWER = "viewer-secret-0123456789";

    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .auth(ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR, OPERATOR),
                    new ApiToken("grafana", Role.VIEWER, VIEWER)))), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    private void assertUnauthorized(ApiTestServer.Reply reply, String message) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.json().has("field")).isTrue();
        assertThat(reply.json().path("message").asText()).contains(message);
        assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"firelane\"");
    }

    @Test
    void every_api_endpoint_without_a_token_is_401_and_sends_nothing() {
        api.insertJob("j", "active", "{}");
        String needs = "needs a bearer token";
        assertUnauthorized(api.get("/api/jobs"), needs);
        assertUnauthorized(api.get("/api/jobs/j"), needs);
        assertUnauthorized(api.get("/api/jobs/j/runs"), needs);
        assertUnauthorized(api.get("/api/jobs/j/audit"), needs);
        assertUnauthorized(api.get("/api/jobs/j/next"), needs);
        assertUnauthorized(api.get("/api/commands/c-1"), needs);
        assertUnauthorized(api.get("/api/whoami"), needs);
        assertUnauthorized(api.post("/api/jobs", "{}"), needs);
        assertUnauthorized(api.put("/api/jobs/j", "{}"), needs);
        assertUnauthorized(api.post("/api/jobs/j/pause", "{\"reason\":\"x\"}"), needs);
        assertUnauthorized(api.post("/api/jobs/j/resume", ""), needs);
        assertUnauthorized(api.post("/api/jobs/j/trigger", ""), needs);
        assertUnauthorized(api.post("/api/jobs/j/runs/j@1/cancel", ""), needs);
        assertUnauthorized(api.delete("/api/jobs/j"), needs);
        assertUnauthorized(api.get("/api/no-such-thing"), needs);
        assertThat(api.published).isEmpty();
    }

    @Test
    void a_wrong_token_is_401_whatever_the_route() {
        api.token("not-a-token-of-this-server");
        assertUnauthorized(api.get("/api/jobs"), "not valid");
        assertUnauthorized(api.post("/api/jobs/j/pause", ""), "not valid");
        api.token(OPERATOR.toUpperCase());
        assertUnauthorized(api.get("/api/jobs"), "not valid");
    }

    @Test
    void health_metrics_and_the_dashboard_page_need_no_token() {
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/metrics").status()).isEqualTo(200);
        assertThat(api.get("/").status()).isEqualTo(200);
        assertThat(api.get("/assets/app.js").status()).isEqualTo(200);
        assertThat(api.get("/no-such-page").status()).as("outside /api, unknown paths are plain 404s").isEqualTo(404);
    }

    @Test
    void a_viewer_reads_and_is_403_for_every_change() {
        api.insertJob("j", "active", "{}");
        api.token(VIEWER);
        assertThat(api.get("/api/jobs").status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/j").status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/j/runs").status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/j/audit").status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/j/next").status()).isEqualTo(200);

        var pause = api.post("/api/jobs/j/pause", "{\"reason\":\"x\"}");
        assertThat(pause.status()).isEqualTo(403);
        assertThat(pause.json().path("error").asText()).isEqualTo("forbidden");
        assertThat(pause.json().path("message").asText())
                .isEqualTo("token 'grafana' has role viewer; POST /api/jobs/{id}/pause needs an operator token");
        assertThat(api.post("/api/jobs", "{}").status()).isEqualTo(403);
        assertThat(api.put("/api/jobs/j", "{}").status()).isEqualTo(403);
        assertThat(api.post("/api/jobs/j/resume", "").status()).isEqualTo(403);
        assertThat(api.post("/api/jobs/j/trigger", "").status()).isEqualTo(403);
        assertThat(api.post("/api/jobs/j/runs/j@1/cancel", "").status()).isEqualTo(403);
        assertThat(api.delete("/api/jobs/j").status()).isEqualTo(403);
        assertThat(api.published).isEmpty();
    }

    @Test
    void the_tokens_name_is_requested_by_whatever_user_header_is_sent() {
        api.insertJob("j", "active", "{}");
        api.token(OPERATOR);
        api.send(HttpRequest.newBuilder(api.uri("/api/jobs/j/pause?wait=false"))
                .header("X-Firelane-User", "mallory")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"db maintenance\"}")));
        assertThat(api.published).singleElement().satisfies(command -> {
            assertThat(command.requestedBy()).isEqualTo("alice");
            assertThat(command.reason()).isEqualTo("db maintenance");
        });
    }

    @Test
    void whoami_names_the_token_and_its_role() {
        api.token(VIEWER);
        var me = api.get("/api/whoami").json();
        assertThat(me.path("name").asText()).isEqualTo("grafana");
        assertThat(me.path("role").asText()).isEqualTo("viewer");
        assertThat(me.path("auth").asBoolean()).isTrue();
    }

    @Test
    void with_a_token_unknown_api_routes_are_404() {
        api.token(VIEWER);
        assertThat(api.get("/api/no-such-thing").status()).isEqualTo(404);
    }

    @Test
    void every_route_under_api_needs_a_token_and_every_change_needs_an_operator() {
        Map<String, Access> routes = api.server.accessByRoute();
        assertThat(routes).isNotEmpty();
        routes.forEach((route, access) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/api/")) {
                assertThat(access).as(route).isNotEqualTo(Access.PUBLIC);
                if (!method.equals("GET")) {
                    assertThat(access).as(route).isEqualTo(Access.OPERATE);
                }
            } else {
                assertThat(access).as(route).isEqualTo(Access.PUBLIC);
                assertThat(method).as(route).isEqualTo("GET");
            }
        });
    }

    @Test
    void the_server_description_never_holds_a_secret() {
        ApiConfig config = ApiConfig.builder().auth(ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR,
                OPERATOR)))).build();
        assertThat(config.toString()).contains("alice:operator").doesNotContain(OPERATOR);
    }
}
