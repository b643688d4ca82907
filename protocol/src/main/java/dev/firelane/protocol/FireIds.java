package dev.firelane.protocol;

import java.time.Instant;

/**
 * Deterministic fire ids, {@code jobId[~incarnation]@scheduledAtEpochMillis[#attempt]}: the idempotency key end
 * to end. The attempt suffix appears for retries only (attempt 2 and later); the incarnation appears for a job
 * id created again after a delete (incarnation 2 and later), so that the fires of two incarnations of one id
 * never share an id. Job ids cannot hold {@code ~}, {@code @} or {@code #}, so the parts are unambiguous.
 */
public final class FireIds {
    private FireIds() {
    }

    /** The fire id of the job's first incarnation. */
    public static String of(String jobId, Instant scheduledAt, int attempt) {
        return of(jobId, 1, scheduledAt, attempt);
    }

    public static String of(String jobId, long incarnation, Instant scheduledAt, int attempt) {
        String job = incarnation <= 1 ? jobId : jobId + "~" + incarnation;
        String base = job + "@" + scheduledAt.toEpochMilli();
        return attempt <= 1 ? base : base + "#" + attempt;
    }

    /** The job id a fire id belongs to. */
    public static String jobIdOf(String fireId) {
        String job = jobPart(fireId);
        int tilde = job.indexOf('~');
        return tilde < 0 ? job : job.substring(0, tilde);
    }

    /** The incarnation of the job a fire id belongs to: 1 when the id has no {@code ~incarnation}. */
    public static long incarnationOf(String fireId) {
        String job = jobPart(fireId);
        int tilde = job.indexOf('~');
        if (tilde < 0) {
            return 1;
        }
        try {
            return Long.parseLong(job.substring(tilde + 1));
        } catch (NumberFormatException e) {
            throw notAFireId(fireId);
        }
    }

    private static String jobPart(String fireId) {
        int at = fireId.lastIndexOf('@');
        if (at <= 0) {
            throw notAFireId(fireId);
        }
        return fireId.substring(0, at);
    }

    private static InvalidFieldException notAFireId(String fireId) {
        return new InvalidFieldException("fireId", "'" + fireId
                + "' is not of the form jobId[~incarnation]@epochMillis[#attempt]");
    }
}
