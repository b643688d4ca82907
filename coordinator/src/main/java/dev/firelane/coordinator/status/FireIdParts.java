package dev.firelane.coordinator.status;

import dev.firelane.protocol.FireIds;
import java.time.Instant;
import java.util.Optional;

/** The parts of a fire id {@code jobId@scheduledAtEpochMillis[#attempt]}, when it is well formed. */
record FireIdParts(String jobId, Instant scheduledAt, int attempt) implements Comparable<FireIdParts> {

    static Optional<FireIdParts> parse(String fireId) {
        if (fireId == null) {
            return Optional.empty();
        }
        int at = fireId.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String rest = fireId.substring(at + 1);
        int hash = rest.indexOf('#');
        try {
            long millis = Long.parseLong(hash < 0 ? rest : rest.substring(0, hash));
            int attempt = hash < 0 ? 1 : Integer.parseInt(rest.substring(hash + 1));
            FireIdParts parts = new FireIdParts(fireId.substring(0, at), Instant.ofEpochMilli(millis), attempt);
            return FireIds.of(parts.jobId, parts.scheduledAt, attempt).equals(fireId) ? Optional.of(parts) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(FireIdParts other) {
        int byTime = scheduledAt.compareTo(other.scheduledAt);
        return byTime != 0 ? byTime : Integer.compare(attempt, other.attempt);
    }
}
