package dev.firelane.coordinator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/** Test-data builder of job specs: {@code aJob("x").every("1m").maxErrors(3).build()}. */
public final class JobSpecs {
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

    public static JobSpecs aJob(String id) {
        return new JobSpecs(id);
    }

    public JobSpecs every(String interval) {
        kind = ScheduleKind.EVERY;
        schedule = interval;
        return this;
    }

    public JobSpecs cron(String expression) {
        kind = ScheduleKind.CRON;
        schedule = expression;
        return this;
    }

    public JobSpecs cron(String expression, String zone) {
        timeZone = zone;
        return cron(expression);
    }

    public JobSpecs at(Instant when) {
        kind = ScheduleKind.AT;
        schedule = when.toString();
        return this;
    }

    public JobSpecs payload(JsonNode value) {
        payload = value;
        return this;
    }

    public JobSpecs handler(String name) {
        handler = name;
        return this;
    }

    public JobSpecs maxErrors(int limit) {
        maxErrors = limit;
        return this;
    }

    public JobSpecs overlap(OverlapPolicy policy) {
        overlap = policy;
        return this;
    }

    public JobSpecs misfire(MisfirePolicy policy) {
        misfire = policy;
        return this;
    }

    public JobSpecs window(Instant from, Instant until) {
        notBefore = from;
        notAfter = until;
        return this;
    }

    public JobSpecs maxAttempts(int attempts) {
        maxAttempts = attempts;
        return this;
    }

    public JobSpecs timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    public JobSpecs misfireLimit(int limit) {
        misfireLimit = limit;
        return this;
    }

    public JobSpec build() {
        return new JobSpec(id, kind, schedule, timeZone, handler, payload, maxErrors, overlap, misfire, notBefore,
                notAfter, maxAttempts, timeout, misfireLimit);
    }
}
