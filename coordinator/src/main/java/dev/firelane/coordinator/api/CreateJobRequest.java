package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code POST /api/jobs}, read field by field so that every refusal names the field. Unknown
 * fields are refused too: a misspelt {@code "pasued": true} must not create a running job.
 */
record CreateJobRequest(JobSpec spec, boolean paused, String reason) {
    static final Set<String> FIELDS = Set.of("id", "scheduleKind", "schedule", "timeZone", "handler", "payload",
            "maxErrors", "overlap", "misfire", "paused", "reason");

    /** Parses and validates; throws {@link ApiException} 400 naming the field at fault. */
    static CreateJobRequest parse(byte[] body, JobSpecValidator validator) {
        JsonNode root = Bodies.object(body);
        checkKnownFields(root);
        try {
            JobSpec spec = new JobSpec(
                    text(root, "id"),
                    root.hasNonNull("scheduleKind") ? ScheduleKind.fromWire(text(root, "scheduleKind")) : null,
                    text(root, "schedule"),
                    text(root, "timeZone"),
                    text(root, "handler"),
                    root.get("payload"),
                    integer(root, "maxErrors", JobSpec.DEFAULT_MAX_ERRORS),
                    root.hasNonNull("overlap") ? OverlapPolicy.fromWire(text(root, "overlap")) : null,
                    root.hasNonNull("misfire") ? MisfirePolicy.fromWire(text(root, "misfire")) : null);
            validator.validate(spec);
            return new CreateJobRequest(spec, bool(root, "paused"), Bodies.reason(root));
        } catch (InvalidFieldException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
    }

    private static void checkKnownFields(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.invalid(name, "unknown field '" + name + "'; known fields: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidFieldException(field, "must be a string; got " + node);
        }
        return node.textValue();
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

    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidFieldException(field, "must be true or false; got " + node);
        }
        return node.booleanValue();
    }
}
