package dev.firelane.protocol;

import java.time.Instant;

/**
 * Deterministic fire ids, {@code jobId@scheduledAtEpochMillis[#attempt]}: the idempotency key end to
 * end. The attempt suffix appears for retries only (attempt 2 and later).
 */
public final class FireIds {
    private FireIds() {
    }

    public static String of(String jobId, Instant scheduledAt, int attempt) {
        String base = jobId + "@" + scheduledAt.toEpochMilli();
        return attempt <= 1 ? base : base + "#" + attempt;
    }

    /** The job id a fire id belongs to. */
    public static String jobIdOf(String fireId) {
        int at = fireId.lastIndexOf('@');
        if (at <= 0) {
            throw new InvalidFieldException("fireId", "'" + fireId + "' is not of the form jobId@epochMillis[#attempt]");
        }
        return fireId.substring(0, at);
    }
}
