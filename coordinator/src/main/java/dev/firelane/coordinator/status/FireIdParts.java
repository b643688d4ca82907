package dev.firelane.coordinator.status;

import dev.firelane.protocol.FireIds;
import java.time.Instant;
import java.util.Optional;

/** The parts of a fire id {@code jobId[~incarnation]@scheduledAtEpochMillis[#attempt]}, when it is well formed. */
record FireIdParts(String jobId, long incarnation, Instant scheduledAt, int attempt) implements Comparable<FireIdParts> {

    static Optional<FireIdParts> parse(String fireId) {
        if (fireId == null) {
            return Optional.empty();
        }
        int at = fireId.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String job = fireId.substring(0, at);
        String rest = fireId.substring(at + 1);
        int tilde = job.indexOf('~');
        int hash = rest.indexOf('#');
        try {
            long incarnation = tilde < 0 ? 1 : Long.parseLong(job.substring(tilde + 1));
            long millis = Long.parseLong(hash < 0 ? rest : rest.substring(0, hash));
            int attempt = hash < 0 ? 1 : Integer.parseInt(rest.substring(hash + 1));
            FireIdParts parts = new FireIdParts(tilde < 0 ? job : job.substring(0, tilde), incarnation,
                    Instant.ofEpochMilli(millis), attempt);
            // the canonical spelling only: "job~1@…", "job@01", "job@5#1" are not fire ids Firelane makes
            return FireIds.of(parts.jobId, incarnation, parts.scheduledAt, attempt).equals(fireId)
                    ? Optional.of(parts) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(FireIdParts other) {
        if (incarnation != other.incarnation) {
            return Long.compare(incarnation, other.incarnation);
        }
        int byTime = scheduledAt.compareTo(other.scheduledAt);
        return byTime != 0 ? byTime : Integer.compare(attempt, other.attempt);
    }
}
