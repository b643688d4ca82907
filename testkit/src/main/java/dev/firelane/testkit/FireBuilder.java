package dev.firelane.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A fire for a handler test, as the coordinator would emit it:
 * <pre>{@code
 * Fire fire = FireBuilder.aFire().job("nightly-report").payload("{\"day\":\"2030-01-01\"}")
 *         .timeout(Duration.ofSeconds(30)).build();
 * }</pre>
 * Its fire id follows the coordinator's rule ({@code jobId@scheduledAtEpochMillis[#attempt]}), so a handler that
 * keys its effects by {@code RunContext.fireId()} sees what it would see in production. Every field has a
 * default ({@code DEFAULT_*}); without a {@link #deadline(Instant)} or {@link #timeout(Duration)} the fire has no
 * deadline, like a job without {@code timeout}.
 */
public final class FireBuilder {
    /** The job id of a fire unless set. */
    public static final String DEFAULT_JOB_ID = "test-job";
    /** The handler name a fire carries unless set; a {@link HandlerTester} runs its handler whatever the name. */
    public static final String DEFAULT_HANDLER = "test";
    /** The schedule time of a fire unless set; a {@link SettableClock} starts there by default. */
    public static final Instant DEFAULT_SCHEDULED_AT = Instant.parse("2030-01-01T00:00:00Z");
    /** The attempt of a fire unless set: the first. */
    public static final int DEFAULT_ATTEMPT = 1;

    private String jobId = DEFAULT_JOB_ID;
    private String handler = DEFAULT_HANDLER;
    private Instant scheduledAt = DEFAULT_SCHEDULED_AT;
    private int attempt = DEFAULT_ATTEMPT;
    private int maxAttempts;
    private JsonNode payload;
    private Instant deadline;
    private Duration timeout;

    private FireBuilder() {
    }

    /**
     * A builder with every default: job {@value #DEFAULT_JOB_ID}, first attempt, scheduled at
     * {@link #DEFAULT_SCHEDULED_AT}, no payload, no deadline.
     *
     * @return a new builder
     */
    public static FireBuilder aFire() {
        return new FireBuilder();
    }

    /**
     * The job the fire belongs to.
     *
     * @param jobId a job id (no {@code ~}, {@code @} or {@code #})
     * @return this builder
     */
    public FireBuilder job(String jobId) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        return this;
    }

    /**
     * The handler name the fire carries (what the job names with {@code --handler}).
     *
     * @param handler the handler name
     * @return this builder
     */
    public FireBuilder handler(String handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * The schedule time the fire stands for.
     *
     * @param scheduledAt the scheduled instant
     * @return this builder
     */
    public FireBuilder scheduledAt(Instant scheduledAt) {
        this.scheduledAt = Objects.requireNonNull(scheduledAt, "scheduledAt");
        return this;
    }

    /**
     * Which attempt this is: 2 and more are retries, whose fire ids end in {@code #attempt}.
     *
     * @param attempt at least 1
     * @return this builder
     */
    public FireBuilder attempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        this.attempt = attempt;
        return this;
    }

    /**
     * How many attempts the fire has in all (the job's {@code maxAttempts}); 0, the default, for unknown.
     *
     * @param maxAttempts 0 or more
     * @return this builder
     */
    public FireBuilder maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /**
     * The job's payload as JSON text.
     *
     * @param json a JSON document, e.g. {@code {"day":"2030-01-01"}}
     * @return this builder
     * @throws IllegalArgumentException if {@code json} is not JSON
     */
    public FireBuilder payload(String json) {
        try {
            return payload(Json.newMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The job's payload.
     *
     * @param payload a JSON tree, or null for none (the handler then sees a {@code NullNode})
     * @return this builder
     */
    public FireBuilder payload(JsonNode payload) {
        this.payload = payload;
        return this;
    }

    /**
     * When the run must be finished. Replaces a {@link #timeout(Duration)}.
     *
     * @param deadline the deadline, or null for none
     * @return this builder
     */
    public FireBuilder deadline(Instant deadline) {
        this.deadline = deadline;
        this.timeout = null;
        return this;
    }

    /**
     * The job's {@code timeout}: the deadline is the schedule time plus this, as the coordinator sets it.
     * Replaces a {@link #deadline(Instant)}.
     *
     * @param timeout a positive duration, or null for no deadline
     * @return this builder
     */
    public FireBuilder timeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.deadline = null;
        return this;
    }

    /**
     * The fire.
     *
     * @return a fire emitted at its schedule time, of the job's first incarnation and generation 1
     */
    public Fire build() {
        Instant due = timeout != null ? scheduledAt.plus(timeout) : deadline;
        return new Fire(FireIds.of(jobId, scheduledAt, attempt), jobId, scheduledAt, scheduledAt, attempt, handler,
                payload, due, 1, 1, maxAttempts);
    }
}
