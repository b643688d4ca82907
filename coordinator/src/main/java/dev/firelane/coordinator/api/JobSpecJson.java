package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link JobSpec} from a request body field by field, so that every refusal names the field. Unknown
 * fields are refused: a misspelt {@code "pasued": true} must not create a running job.
 */
final class JobSpecJson {
    /** The spec's fields as the API spells them. */
    static final Set<String> SPEC_FIELDS = Set.of("id", "scheduleKind", "schedule", "timeZone", "handler", "payload",
            "maxErrors", "overlap", "misfire", "notBefore", "notAfter", "maxAttempts", "timeout", "misfireLimit");

    private JobSpecJson() {
    }

    /**
     * The spec in {@code root}, not yet validated.
     *
     * @param id the job id to use when the body has none (an update names it in the path); null to require it
     * @throws InvalidFieldException naming the field at fault
     */
    static JobSpec spec(JsonNode root, String id) {
        return new JobSpec(
                root.hasNonNull("id") || id == null ? text(root, "id") : id,
                root.hasNonNull("scheduleKind") ? ScheduleKind.fromWire(text(root, "scheduleKind")) : null,
                text(root, "schedule"),
                text(root, "timeZone"),
                text(root, "handler"),
                root.get("payload"),
                integer(root, "maxErrors", JobSpec.DEFAULT_MAX_ERRORS),
                root.hasNonNull("overlap") ? OverlapPolicy.fromWire(text(root, "overlap")) : null,
                root.hasNonNull("misfire") ? MisfirePolicy.fromWire(text(root, "misfire")) : null,
                instant(root, "notBefore"),
                instant(root, "notAfter"),
                integer(root, "maxAttempts", JobSpec.DEFAULT_MAX_ATTEMPTS),
                duration(root, "timeout"),
                integer(root, "misfireLimit", JobSpec.DEFAULT_MISFIRE_LIMIT));
    }

    /** Refuses any field of {@code root} not in {@code known}. */
    static void checkKnownFields(JsonNode root, Set<String> known) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.invalid(name, "unknown field '" + name + "'; known fields: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidFieldException(field, "must be a string; got " + node);
        }
        return node.textValue();
    }

    static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidFieldException(field, "must be true or false; got " + node);
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode root, String field, int fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidFieldException(field, "must be a whole number; got " + node);
        }
        return node.intValue();
    }

    /** An ISO-8601 instant ({@code 2026-01-01T09:00:00Z}) or date-time with offset; null when absent. */
    static Instant instant(JsonNode root, String field) {
        String text = text(root, field);
        return text == null ? null : parseInstant(field, text);
    }

    static Instant parseInstant(String field, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidFieldException(field, "'" + text
                        + "' is not an ISO-8601 instant, e.g. 2026-01-01T09:00:00Z");
            }
        }
    }

    private static Duration duration(JsonNode root, String field) {
        String text = text(root, field);
        return text == null ? null : DurationText.parse(field, text);
    }
}
