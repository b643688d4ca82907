package dev.firelane.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.JobSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which definition fields of a stored job a wanted spec would change, by their API names. What the status
 * stream would store is compared, not the text sent: instants at millisecond precision (as the columns keep
 * them), the timeout in milliseconds, the payload as JSON (not its spacing). Schedules are compared as text,
 * so {@code 10m} and {@code PT10M} differ (the update that follows is harmless).
 */
final class SpecChanges {
    private SpecChanges() {
    }

    /** The fields that differ, in the API's order; empty when applying {@code wanted} would change nothing. */
    static List<String> between(JobSpec wanted, JobRow stored) {
        List<String> changes = new ArrayList<>();
        diff(changes, "scheduleKind", wanted.scheduleKind().wire(), stored.scheduleKind());
        diff(changes, "schedule", wanted.schedule(), stored.schedule());
        diff(changes, "timeZone", wanted.timeZone(), stored.timeZone());
        diff(changes, "handler", wanted.handler(), stored.handler());
        diff(changes, "payload", wanted.payload(), payload(stored.payload()));
        diff(changes, "maxErrors", wanted.maxErrors(), stored.maxErrors());
        diff(changes, "overlap", wanted.overlap().wire(), stored.overlapPolicy());
        diff(changes, "misfire", wanted.misfire().wire(), stored.misfirePolicy());
        diff(changes, "notBefore", millis(wanted.notBefore()), stored.notBefore());
        diff(changes, "notAfter", millis(wanted.notAfter()), stored.notAfter());
        diff(changes, "maxAttempts", wanted.maxAttempts(), stored.maxAttempts());
        diff(changes, "timeout", wanted.timeout() == null ? null : wanted.timeout().toMillis(), stored.timeoutMs());
        diff(changes, "misfireLimit", wanted.misfireLimit(), stored.misfireLimit());
        return changes;
    }

    private static void diff(List<String> changes, String field, Object wanted, Object stored) {
        if (!Objects.equals(wanted, stored)) {
            changes.add(field);
        }
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The stored payload as JSON; text that is somehow not JSON never equals a wanted payload. */
    private static JsonNode payload(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
