package dev.firelane.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an operator asks for when creating or updating a job. Field names are the JSON names used by
 * the REST API and the topics.
 *
 * @param id          job id, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}
 * @param scheduleKind how {@code schedule} is read
 * @param schedule    cron expression, interval ({@code 5s}, {@code PT5S}) or ISO-8601 instant
 * @param timeZone    IANA zone for cron schedules (default {@code UTC})
 * @param handler     name of the {@code JobHandler} that runs it
 * @param payload     JSON handed to the handler (default {@code {}})
 * @param maxErrors   consecutive failed runs after which the job becomes {@code failed}; 0 = no limit
 * @param overlap     what to do when due while a run is in flight
 * @param misfire     what to do with times missed while the coordinator was down or the job was paused
 * @param notBefore   no fire before this instant; null = no lower bound
 * @param notAfter    no fire after this instant; null = no upper bound
 * @param maxAttempts attempts per fire, the first included (retries on error/timeout/abandoned); default 1
 * @param timeout     how long a run may take, carried as the fire's deadline; null = no limit
 * @param misfireLimit the most catch-up fires the {@code all} misfire policy emits at once; default 100
 */
public record JobSpec(
        String id,
        ScheduleKind scheduleKind,
        String schedule,
        String timeZone,
        String handler,
        JsonNode payload,
        int maxErrors,
        OverlapPolicy overlap,
        MisfirePolicy misfire,
        Instant notBefore,
        Instant notAfter,
        Integer maxAttempts,
        Duration timeout,
        Integer misfireLimit) {

    public static final String DEFAULT_TIME_ZONE = "UTC";
    public static final int DEFAULT_MAX_ERRORS = 0;
    public static final int DEFAULT_MAX_ATTEMPTS = 1;
    public static final int DEFAULT_MISFIRE_LIMIT = 100;

    /**
     * Fills defaults for the optional fields; required fields and ranges are checked by
     * {@link JobSpecValidator}.
     */
    public JobSpec {
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
        payload = payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload;
        overlap = Objects.requireNonNullElse(overlap, OverlapPolicy.DEFAULT);
        misfire = Objects.requireNonNullElse(misfire, MisfirePolicy.DEFAULT);
        maxAttempts = Objects.requireNonNullElse(maxAttempts, DEFAULT_MAX_ATTEMPTS);
        misfireLimit = Objects.requireNonNullElse(misfireLimit, DEFAULT_MISFIRE_LIMIT);
    }

    /** A spec without window, retries, timeout or misfire limit (defaults for each). */
    public JobSpec(String id, ScheduleKind scheduleKind, String schedule, String timeZone, String handler,
                   JsonNode payload, int maxErrors, OverlapPolicy overlap, MisfirePolicy misfire) {
        this(id, scheduleKind, schedule, timeZone, handler, payload, maxErrors, overlap, misfire,
                null, null, null, null, null);
    }

    /** A spec with default policies, time zone and error limit. */
    public static JobSpec of(String id, ScheduleKind kind, String schedule, String handler, JsonNode payload) {
        return new JobSpec(id, kind, schedule, DEFAULT_TIME_ZONE, handler, payload, DEFAULT_MAX_ERRORS, null, null);
    }
}
