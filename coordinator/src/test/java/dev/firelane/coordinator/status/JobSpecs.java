package dev.firelane.coordinator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/** Test-data builder: {@code aJob("x").every("1m").maxErrors(3).build()}. */
final class JobSpecs {
    private final String id;
    private ScheduleKind kind = ScheduleKind.EVERY;
    private String schedule = "1m";
    private String timeZone = "UTC";
    private String handler = "noop";
    private JsonNode payload = JsonNodeFactory.instance.objectNode().put("n", 1);
    private int maxErrors;
    private OverlapPolicy overlap = OverlapPolicy.SKIP;
    private MisfirePolicy misfire = MisfirePolicy.ONCE;
    private Instant notBefore;
    private Instant notAfter;
    private Integer maxAttempts;
    private Duration timeout;
    private Integer misfireLimit;

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

    JobSpecs cron(String expression, String zone) {
        timeZone = zone;
        return cron(expression);
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

    JobSpecs overlap(OverlapPolicy policy) {
        overlap = policy;
        return this;
    }

    JobSpecs misfire(MisfirePolicy policy) {
        misfire = policy;
        return this;
    }

    JobSpecs window(Instant from, Instant until) {
        notBefore = from;
        notAfter = until;
        return this;
    }

    JobSpecs maxAttempts(int attempts) {
        maxAttempts = attempts;
        return this;
    }

    JobSpecs timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    JobSpecs misfireLimit(int limit) {
        misfireLimit = limit;
        return this;
    }

    JobSpec build() {
        return new JobSpec(id, kind, schedule, timeZone, handler, payload, maxErrors, overlap, misfire, notBefore,
                notAfter, maxAttempts, timeout, misfireLimit);
    }
}
