package dev.firelane.coordinator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.Json;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/** One row of {@code jobs}, as stored (enums in their wire spelling, payload as JSON text). */
public record JobRow(
        String id,
        String scheduleKind,
        String schedule,
        String timeZone,
        String handler,
        String payload,
        int maxErrors,
        String overlapPolicy,
        String misfirePolicy,
        Instant notBefore,
        Instant notAfter,
        int maxAttempts,
        Long timeoutMs,
        int misfireLimit,
        String status,
        long generation,
        Instant nextFireAt,
        String lastFireId,
        Instant lastRunAt,
        String lastRunStatus,
        long runCount,
        int consecutiveErrors,
        Integer lastDeliveryStatus,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        long incarnation) {

    private static final ObjectMapper JSON = Json.newMapper();

    public JobRow {
        notBefore = Columns.millis(notBefore);
        notAfter = Columns.millis(notAfter);
        nextFireAt = Columns.millis(nextFireAt);
        lastRunAt = Columns.millis(lastRunAt);
        createdAt = Columns.millis(createdAt);
        updatedAt = Columns.millis(updatedAt);
    }

    /** A new job's row: generation 1, no telemetry; {@code incarnation} 1 unless the id was deleted before. */
    static JobRow created(JobSpec spec, JobStatus status, Instant createdAt, Instant nextFireAt, long incarnation) {
        return withSpec(spec, status, 1, nextFireAt, createdAt, createdAt, incarnation);
    }

    /** This row with a new definition (the parameter of an update: generation and status are set in SQL). */
    JobRow withSpec(JobSpec spec, Instant nextFireAt, Instant updatedAt) {
        return withSpec(spec, jobStatus(), generation, nextFireAt, createdAt, updatedAt, incarnation);
    }

    private static JobRow withSpec(JobSpec spec, JobStatus status, long generation, Instant nextFireAt,
                                   Instant createdAt, Instant updatedAt, long incarnation) {
        return new JobRow(spec.id(), spec.scheduleKind().wire(), spec.schedule(), spec.timeZone(), spec.handler(),
                spec.payload().toString(), spec.maxErrors(), spec.overlap().wire(), spec.misfire().wire(),
                spec.notBefore(), spec.notAfter(), spec.maxAttempts(),
                spec.timeout() == null ? null : spec.timeout().toMillis(), spec.misfireLimit(), status.wire(),
                generation, nextFireAt, null, null, null, 0, 0, null, null, createdAt, updatedAt, incarnation);
    }

    /** As the status statements leave it: {@code status}, the next generation, {@code nextFireAt}, {@code updatedAt}. */
    JobRow transitioned(JobStatus to, Instant next, Instant at) {
        return new JobRow(id, scheduleKind, schedule, timeZone, handler, payload, maxErrors, overlapPolicy,
                misfirePolicy, notBefore, notAfter, maxAttempts, timeoutMs, misfireLimit, to.wire(), generation + 1, next,
                lastFireId, lastRunAt, lastRunStatus, runCount, consecutiveErrors, lastDeliveryStatus, lastError,
                createdAt, at, incarnation);
    }

    /** As {@code resume} leaves it: active, next generation, error streak reset. */
    JobRow resumed(Instant next, Instant at) {
        return transitioned(JobStatus.ACTIVE, next, at).withErrors(0);
    }

    /** As {@code updateSpec} leaves it: the new definition, next generation, status and telemetry kept. */
    JobRow updated(JobSpec spec, Instant next, Instant at) {
        JobRow def = withSpec(spec, jobStatus(), generation + 1, next, createdAt, at, incarnation);
        return new JobRow(def.id, def.scheduleKind, def.schedule, def.timeZone, def.handler, def.payload, def.maxErrors,
                def.overlapPolicy, def.misfirePolicy, def.notBefore, def.notAfter, def.maxAttempts, def.timeoutMs,
                def.misfireLimit, status, generation + 1, next, lastFireId, lastRunAt, lastRunStatus, runCount,
                consecutiveErrors, lastDeliveryStatus, lastError, createdAt, at, incarnation);
    }

    /** After a fire: the schedule estimate and the last fire id. */
    JobRow fired(String fireId, Instant next) {
        return new JobRow(id, scheduleKind, schedule, timeZone, handler, payload, maxErrors, overlapPolicy,
                misfirePolicy, notBefore, notAfter, maxAttempts, timeoutMs, misfireLimit, status, generation, next,
                fireId, lastRunAt, lastRunStatus, runCount, consecutiveErrors, lastDeliveryStatus, lastError,
                createdAt, updatedAt, incarnation);
    }

    /** After one more run: its telemetry, and the error streak it leaves. */
    JobRow ran(Instant at, String outcome, String error, Integer deliveryStatus, int errors) {
        return new JobRow(id, scheduleKind, schedule, timeZone, handler, payload, maxErrors, overlapPolicy,
                misfirePolicy, notBefore, notAfter, maxAttempts, timeoutMs, misfireLimit, status, generation,
                nextFireAt, lastFireId, at, outcome, runCount + 1, errors, deliveryStatus,
                Columns.truncate(error, Columns.ERROR), createdAt, updatedAt, incarnation);
    }

    private JobRow withErrors(int errors) {
        return new JobRow(id, scheduleKind, schedule, timeZone, handler, payload, maxErrors, overlapPolicy,
                misfirePolicy, notBefore, notAfter, maxAttempts, timeoutMs, misfireLimit, status, generation,
                nextFireAt, lastFireId, lastRunAt, lastRunStatus, runCount, errors, lastDeliveryStatus, lastError,
                createdAt, updatedAt, incarnation);
    }

    /**
     * Whether a failed run of attempt {@code attempt} is the last one (no retry follows it), by the job's current
     * limit: only for completions that do not carry their fire's own ({@code RunEvent.Completed#maxAttempts}).
     */
    public boolean isLastAttempt(int attempt) {
        return attempt >= maxAttempts;
    }

    public JobStatus jobStatus() {
        return JobStatus.fromWire(status);
    }

    /** Whether a fire of incarnation {@code fireIncarnation} is one of this row's (not of a deleted incarnation). */
    public boolean isIncarnation(long fireIncarnation) {
        return incarnation == fireIncarnation;
    }

    public boolean isDeleted() {
        return jobStatus() == JobStatus.DELETED;
    }

    public JobSpec spec() {
        try {
            return new JobSpec(id, ScheduleKind.fromWire(scheduleKind), schedule, timeZone, handler,
                    JSON.readTree(payload), maxErrors, OverlapPolicy.fromWire(overlapPolicy),
                    MisfirePolicy.fromWire(misfirePolicy), notBefore, notAfter, maxAttempts,
                    timeoutMs == null ? null : Duration.ofMillis(timeoutMs), misfireLimit);
        } catch (JsonProcessingException e) {
            throw new FirelaneException("job " + id + " has a payload that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** What the {@code job-state} topic carries for this row. */
    public JobState toState() {
        return new JobState(spec(), jobStatus(), generation, createdAt, updatedAt, incarnation);
    }
}
