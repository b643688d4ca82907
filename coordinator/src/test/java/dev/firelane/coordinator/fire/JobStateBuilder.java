package dev.firelane.coordinator.fire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.coordinator.testing.JobSpecs;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Test data: {@code aJob("j1").every("5s").createdAt(t).build()}, a {@link JobSpecs} spec plus what the
 * status stream adds. Overlap defaults to {@code allow} here (not the product default {@code skip}): most
 * tests fire without workers, so nothing ever completes; overlap tests set the policy they test,
 * {@code overlap(null)} gives the product default.
 */
final class JobStateBuilder {
    private final JobSpecs spec;
    private JobStatus status = JobStatus.ACTIVE;
    private long generation = 1;
    private Instant createdAt = Instant.parse("2026-03-01T10:00:00Z");
    private Instant updatedAt;
    private long incarnation = 1;

    private JobStateBuilder(String id) {
        this.spec = JobSpecs.aJob(id).every("5s").overlap(OverlapPolicy.ALLOW).misfire(null)
                .payload(JsonNodeFactory.instance.objectNode().put("job", id));
    }

    static JobStateBuilder aJob(String id) {
        return new JobStateBuilder(id);
    }

    JobStateBuilder every(String interval) {
        spec.every(interval);
        return this;
    }

    JobStateBuilder at(Instant instant) {
        spec.at(instant);
        return this;
    }

    JobStateBuilder cron(String expression, String timeZone) {
        spec.cron(expression, timeZone);
        return this;
    }

    JobStateBuilder handler(String name) {
        spec.handler(name);
        return this;
    }

    JobStateBuilder overlap(OverlapPolicy value) {
        spec.overlap(value);
        return this;
    }

    JobStateBuilder misfire(MisfirePolicy value) {
        spec.misfire(value);
        return this;
    }

    JobStateBuilder misfireLimit(int value) {
        spec.misfireLimit(value);
        return this;
    }

    JobStateBuilder window(Instant from, Instant to) {
        spec.window(from, to);
        return this;
    }

    JobStateBuilder maxAttempts(int value) {
        spec.maxAttempts(value);
        return this;
    }

    JobStateBuilder timeout(Duration value) {
        spec.timeout(value);
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

    JobStateBuilder incarnation(long value) {
        incarnation = value;
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

    JobState build() {
        return new JobState(spec.build(), status, generation, createdAt, updatedAt == null ? createdAt : updatedAt,
                incarnation);
    }
}
