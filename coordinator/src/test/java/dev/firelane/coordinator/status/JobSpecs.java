package dev.firelane.coordinator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;

/** Test-data builder: {@code aJob("x").every("1m").maxErrors(3).build()}. */
final class JobSpecs {
    private final String id;
    private ScheduleKind kind = ScheduleKind.EVERY;
    private String schedule = "1m";
    private String handler = "noop";
    private JsonNode payload = JsonNodeFactory.instance.objectNode().put("n", 1);
    private int maxErrors;

    private JobSpecs(String id) {
        this.id = id;
    }

    static JobSpecs aJob(String id) {
        return new JobSpecs(id);
    }

    JobSpecs every(String interval) {
        kind = ScheduleKind.EVERY;
        schedule = interval;
        return this;
    }

    JobSpecs cron(String expression) {
        kind = ScheduleKind.CRON;
        schedule = expression;
        return this;
    }

    JobSpecs at(Instant when) {
        kind = ScheduleKind.AT;
        schedule = when.toString();
        return this;
    }

    JobSpecs handler(String name) {
        handler = name;
        return this;
    }

    JobSpecs maxErrors(int limit) {
        maxErrors = limit;
        return this;
    }

    JobSpec build() {
        return new JobSpec(id, kind, schedule, "UTC", handler, payload, maxErrors, OverlapPolicy.SKIP, MisfirePolicy.ONCE);
    }
}
