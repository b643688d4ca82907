package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.coordinator.stats.StatsPoint;
import dev.firelane.coordinator.stats.StatsSeries;
import dev.firelane.protocol.InvalidFieldException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/stats/series?after=T}: the sampled figures of the system, oldest point first, kept in memory
 * for one window (what the dashboard's System view draws). {@code after} returns only the points taken later,
 * for a client that polls.
 */
final class StatsResource {
    private final StatsSeries series;
    private final Clock clock;

    StatsResource(StatsSeries series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/api/stats/series", Access.READ, this::series);
    }

    private ApiResponse series(ApiRequest request) {
        Instant after = after(request.queryParam("after"));
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("now", clock.instant().toString());
        body.put("intervalSeconds", series.interval().toMillis() / 1000.0);
        body.put("windowSeconds", series.window().toSeconds());
        ArrayNode points = body.putArray("points");
        for (StatsPoint point : series.points(after)) {
            points.add(point(point));
        }
        return ApiResponse.ok(body);
    }

    private static ObjectNode point(StatsPoint p) {
        ObjectNode n = ApiJson.MAPPER.createObjectNode();
        n.put("at", p.at().toString());
        n.put("seconds", p.seconds());
        n.put("fires", p.fires());
        n.put("firesPerSecond", Math.round(p.firesPerSecond() * 1000) / 1000.0);
        counts(n.putObject("outcomes"), p.outcomes());
        n.put("latenessP50Ms", rounded(p.latenessP50Ms()));
        n.put("latenessP99Ms", rounded(p.latenessP99Ms()));
        n.put("statusLag", p.statusLag());
        if (p.workerLag() == null) {
            n.putNull("workerLag");
        } else {
            counts(n.putObject("workerLag"), p.workerLag());
        }
        n.put("waitingFires", p.waitingFires());
        counts(n.putObject("inFlight"), p.inFlight());
        n.put("inFlightSource", p.inFlightSource());
        return n;
    }

    private static void counts(ObjectNode into, Map<String, Long> counts) {
        counts.forEach(into::put);
    }

    private static Double rounded(Double ms) {
        return ms == null ? null : Math.round(ms * 100) / 100.0;
    }

    private static Instant after(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JobSpecJson.parseInstant("after", text);
        } catch (InvalidFieldException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
    }
}
