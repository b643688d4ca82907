package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.Schedules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/jobs/{id}/next?count=N&from=T}: the next fire times of a job by its schedule, a dry run
 * of the schedule math the coordinator uses. It shows the schedule, not a promise: pauses, overlap and
 * misfire policies decide what actually fires.
 */
final class NextFiresResource {
    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 1000;

    private final JobQueries queries;
    private final ScheduleCalculator calculator;
    private final Clock clock;

    NextFiresResource(JobQueries queries, ScheduleCalculator calculator, Clock clock) {
        this.queries = queries;
        this.calculator = calculator;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/api/jobs/{id}/next", Access.READ, this::next);
    }

    private ApiResponse next(ApiRequest request) {
        int count = request.intQueryParam("count", DEFAULT_COUNT, MAX_COUNT);
        Instant from = from(request.queryParam("from"));
        JobRow row = JobQueryResource.existingJob(queries, request.pathParam("id"));
        try {
            ZoneId zone = Schedules.parseZone(row.timeZone());
            List<Instant> times = calculator.next(row.scheduleSpec(), row.createdAt(), from, count);
            ObjectNode body = ApiJson.nextTimes(row.id(), zone, times);
            body.put("from", from.toString());
            return ApiResponse.ok(body);
        } catch (InvalidFieldException e) {
            // only a row written before a stricter validator can get here
            throw new ApiException(409, "unschedulable", e.field(), "the stored schedule of job '" + row.id()
                    + "' cannot be computed: " + e.getMessage());
        }
    }

    private Instant from(String text) {
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        try {
            return JobSpecJson.parseInstant("from", text);
        } catch (InvalidFieldException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
    }
}
