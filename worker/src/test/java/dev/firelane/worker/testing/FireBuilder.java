package dev.firelane.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.Json;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Test data: {@code aFire().job("report").handler("noop").build()}; the fire id follows {@link FireIds}. */
public final class FireBuilder {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private String jobId = "job-1";
    private Instant scheduledAt = T0;
    private Instant firedAt;
    private int attempt = 1;
    private String handler = "noop";
    private JsonNode payload;
    private Instant deadline;
    private long generation = 1;
    private long incarnation = 1;

    private FireBuilder() {
    }

    public static FireBuilder aFire() {
        return new FireBuilder();
    }

    public FireBuilder job(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public FireBuilder scheduledAt(Instant scheduledAt) {
        this.scheduledAt = scheduledAt;
        return this;
    }

    /** Scheduled {@code seconds} after a fixed start instant: a distinct fire id per value. */
    public FireBuilder tick(long seconds) {
        return scheduledAt(T0.plusSeconds(seconds));
    }

    public FireBuilder attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public FireBuilder handler(String handler) {
        this.handler = handler;
        return this;
    }

    public FireBuilder payload(String json) {
        try {
            this.payload = Json.newMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FireBuilder deadline(Instant deadline) {
        this.deadline = deadline;
        return this;
    }

    public FireBuilder generation(long generation) {
        this.generation = generation;
        return this;
    }

    public FireBuilder incarnation(long incarnation) {
        this.incarnation = incarnation;
        return this;
    }

    public Fire build() {
        return new Fire(FireIds.of(jobId, incarnation, scheduledAt, attempt), jobId, scheduledAt,
                firedAt == null ? scheduledAt : firedAt, attempt, handler, payload, deadline, generation, incarnation);
    }
}
