package dev.firelane.coordinator.fire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/**
 * Test data: {@code aJob("j1").every("5s").createdAt(t).build()}. Overlap defaults to {@code allow} here
 * (not the product default {@code skip}): most tests fire without workers, so nothing ever completes;
 * overlap tests set the policy they test, {@code overlap(null)} gives the product default.
 */
final class JobStateBuilder {
    private final String id;
    private ScheduleKind kind = ScheduleKind.EVERY;
    private String schedule = "5s";
    private String zone = "UTC";
    private String handler = "noop";
    private JobStatus status = JobStatus.ACTIVE;
    private long generation = 1;
    private Instant createdAt = Instant.parse("2026-03-01T10:00:00Z");
    private Instant updatedAt;
    private OverlapPolicy overlap = OverlapPolicy.ALLOW;
    private MisfirePolicy misfire;
    private Instant notBefore;
    private Instant notAfter;
    private Integer maxAttempts;
    private Duration timeout;
    private Integer misfireLimit;

    private JobStateBuilder(String id) {
        this.id = id;
    }

    static JobStateBuilder aJob(String id) {
        return new JobStateBuilder(id);
    }

    JobStateBuilder every(String interval) {
        kind = ScheduleKind.EVERY;
        schedule = interval;
        return this;
    }

    JobStateBuilder at(Instant instant) {
        kind = ScheduleKind.AT;
        schedule = instant.toString();
        return this;
    }

    JobStateBuilder cron(String expression, String timeZone) {
        kind = ScheduleKind.CRON;
        schedule = expression;
        zone = timeZone;
        return this;
    }

    JobStateBuilder handler(String name) {
        handler = name;
        return this;
    }

    JobStateBuilder status(JobStatus value) {
        status = value;
        return this;
    }

    JobStateBuilder generation(long value) {
        generation = value;
        return this;
    }

    JobStateBuilder createdAt(Instant value) {
        createdAt = value;
        return this;
    }

    JobStateBuilder updatedAt(Instant value) {
        updatedAt = value;
        return this;
    }

    JobStateBuilder overlap(OverlapPolicy value) {
        overlap = value;
        return this;
    }

    JobStateBuilder misfire(MisfirePolicy value) {
        misfire = value;
        return this;
    }

    JobStateBuilder misfireLimit(int value) {
        misfireLimit = value;
        return this;
    }

    JobStateBuilder window(Instant from, Instant to) {
        notBefore = from;
        notAfter = to;
        return this;
    }

    JobStateBuilder maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    JobStateBuilder timeout(Duration value) {
        timeout = value;
        return this;
    }

    JobState build() {
        JobSpec spec = new JobSpec(id, kind, schedule, zone, handler,
                JsonNodeFactory.instance.objectNode().put("job", id), 0, overlap, misfire, notBefore, notAfter,
                maxAttempts, timeout, misfireLimit);
        return new JobState(spec, status, generation, createdAt, updatedAt == null ? createdAt : updatedAt);
    }
}
