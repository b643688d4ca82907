package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import dev.firelane.coordinator.stats.StatsPoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stats/series}: the sampled figures as JSON, for a reader, oldest first. */
class ApiStatsSeriesTest {
    private static final String VIEWER = "viewer-secret-0123456789";
    private static final Instant T1 = Instant.parse("2026-03-01T09:59:55Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:00Z");

    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .auth(ApiAuth.tokens(List.of(new ApiToken("grafana", Role.VIEWER, VIEWER)))), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_viewer_reads_every_point_with_its_figures() {
        api.stats.set(List.of(inProcessPoint(), statusStreamPoint()));
        api.token(VIEWER);

        ApiTestServer.Reply reply = api.get("/api/stats/series");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("now").asText()).isEqualTo(ApiTestServer.CLOCK.instant().toString());
        assertThat(body.path("intervalSeconds").asDouble()).isEqualTo(5.0);
        assertThat(body.path("windowSeconds").asLong()).isEqualTo(3600);
        assertThat(body.path("points")).hasSize(2);
        JsonNode first = body.path("points").get(0);
        assertThat(first.path("at").asText()).isEqualTo(T1.toString());
        assertThat(first.path("seconds").asDouble()).isEqualTo(5.0);
        assertThat(first.path("fires").asLong()).isEqualTo(12);
        assertThat(first.path("firesPerSecond").asDouble()).isEqualTo(2.4);
        assertThat(first.path("outcomes").fieldNames()).toIterable().containsExactly("ok", "error", "timeout");
        assertThat(first.path("outcomes").path("ok").asLong()).isEqualTo(10);
        assertThat(first.path("latenessP50Ms").asDouble()).isEqualTo(3.33);
        assertThat(first.path("latenessP99Ms").asDouble()).isEqualTo(9.5);
        assertThat(first.path("statusLag").asLong()).isEqualTo(4);
        assertThat(first.path("workerLag").path("w-1").asLong()).isEqualTo(2);
        assertThat(first.path("waitingFires").asLong()).isEqualTo(1);
        assertThat(first.path("inFlight").path("w-1").asLong()).isEqualTo(3);
        assertThat(first.path("inFlightSource").asText()).isEqualTo("workers");
    }

    @Test
    void figures_the_coordinator_does_not_have_are_null_not_left_out() {
        api.stats.set(List.of(statusStreamPoint()));
        api.token(VIEWER);

        JsonNode point = api.get("/api/stats/series").json().path("points").get(0);

        assertThat(point.has("latenessP50Ms")).isTrue();
        assertThat(point.path("latenessP50Ms").isNull()).isTrue();
        assertThat(point.path("latenessP99Ms").isNull()).isTrue();
        assertThat(point.path("statusLag").isNull()).isTrue();
        assertThat(point.path("workerLag").isNull()).isTrue();
        assertThat(point.path("inFlightSource").asText()).isEqualTo("statusStream");
    }

    @Test
    void after_returns_only_the_later_points_and_an_empty_series_is_an_empty_list() {
        api.token(VIEWER);
        assertThat(api.get("/api/stats/series").json().path("points")).isEmpty();

        api.stats.set(List.of(inProcessPoint(), statusStreamPoint()));
        JsonNode points = api.get("/api/stats/series?after=" + T1).json().path("points");

        assertThat(points).hasSize(1);
        assertThat(points.get(0).path("at").asText()).isEqualTo(T2.toString());
    }

    @Test
    void a_bad_after_is_a_400_naming_the_parameter_and_no_token_is_a_401() {
        assertThat(api.get("/api/stats/series").status()).isEqualTo(401);
        api.token(VIEWER);
        ApiTestServer.Reply reply = api.get("/api/stats/series?after=yesterday");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("after");
    }

    @Test
    void the_route_is_registered_for_readers() {
        assertThat(api.server.accessByRoute()).containsEntry("GET /api/stats/series", Access.READ);
    }

    private static StatsPoint inProcessPoint() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", 10L);
        outcomes.put("error", 1L);
        outcomes.put("timeout", 0L);
        return new StatsPoint(T1, 5.0, 12, outcomes, 3.3333, 9.5, 4L, Map.of("w-1", 2L), 1, Map.of("w-1", 3L),
                StatsPoint.FROM_WORKERS);
    }

    private static StatsPoint statusStreamPoint() {
        return new StatsPoint(T2, 5.0, 0, Map.of("ok", 0L), null, null, null, null, 0, Map.of("w-1", 1L),
                StatsPoint.FROM_STATUS_STREAM);
    }
}
