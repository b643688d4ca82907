package dev.firelane.coordinator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The API's JSON shapes. Unlike the topics, every field is written even when null, so clients see
 * a stable shape.
 */
final class ApiJson {
    static final ObjectMapper MAPPER = Json.newMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private ApiJson() {
    }

    static ObjectNode job(JobRow row) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", row.id());
        n.put("status", row.status());
        n.put("scheduleKind", row.scheduleKind());
        n.put("schedule", row.schedule());
        n.put("scheduleText", ScheduleWords.describe(row.scheduleKind(), row.schedule(), row.timeZone()));
        n.put("timeZone", row.timeZone());
        n.put("handler", row.handler());
        n.set("payload", payload(row.payload()));
        n.put("maxErrors", row.maxErrors());
        n.put("overlap", row.overlapPolicy());
        n.put("misfire", row.misfirePolicy());
        instant(n, "notBefore", row.notBefore());
        instant(n, "notAfter", row.notAfter());
        n.put("maxAttempts", row.maxAttempts());
        n.put("timeout", DurationText.format(row.timeoutMs()));
        n.put("misfireLimit", row.misfireLimit());
        n.put("generation", row.generation());
        n.put("incarnation", row.incarnation());
        n.put("runCount", row.runCount());
        instant(n, "lastRunAt", row.lastRunAt());
        n.put("lastRunStatus", row.lastRunStatus());
        n.put("lastFireId", row.lastFireId());
        n.put("lastFireStatus", row.lastFireStatus());
        n.put("inFlight", row.inFlight());
        n.put("consecutiveErrors", row.consecutiveErrors());
        n.put("lastDeliveryStatus", row.lastDeliveryStatus());
        n.put("lastError", row.lastError());
        instant(n, "nextFireAt", row.nextFireAt());
        instant(n, "createdAt", row.createdAt());
        instant(n, "updatedAt", row.updatedAt());
        return n;
    }

    static ObjectNode run(RunRow row) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("fireId", row.fireId());
        n.put("jobId", row.jobId());
        n.put("attempt", row.attempt());
        instant(n, "scheduledAt", row.scheduledAt());
        instant(n, "firedAt", row.firedAt());
        instant(n, "startedAt", row.startedAt());
        instant(n, "finishedAt", row.finishedAt());
        n.put("outcome", row.displayOutcome());
        n.put("workerId", row.workerId());
        n.put("error", row.error());
        n.put("deliveryStatus", row.deliveryStatus());
        return n;
    }

    static ObjectNode command(CommandRow row) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("commandId", row.commandId());
        n.put("jobId", row.jobId());
        n.put("kind", row.kind());
        n.put("requestedBy", row.requestedBy());
        instant(n, "requestedAt", row.requestedAt());
        n.put("reason", row.reason());
        instant(n, "appliedAt", row.appliedAt());
        n.put("result", row.result());
        n.put("resultReason", row.resultReason());
        return n;
    }

    /** The answer of {@code GET /api/jobs/{id}/next}: each time in UTC and in the job's zone. */
    static ObjectNode nextTimes(String jobId, ZoneId zone, List<Instant> times) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jobId", jobId);
        n.put("timeZone", zone.getId());
        ArrayNode out = n.putArray("times");
        for (Instant time : times) {
            out.addObject().put("utc", time.toString())
                    .put("local", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone)));
        }
        return n;
    }

    static <T> ArrayNode array(List<T> rows, Function<T, ObjectNode> toJson) {
        ArrayNode out = MAPPER.createArrayNode();
        rows.forEach(row -> out.add(toJson.apply(row)));
        return out;
    }

    static ObjectNode error(String error, String field, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", error);
        n.put("field", field);
        n.put("message", message);
        return n;
    }

    private static void instant(ObjectNode n, String name, Instant value) {
        n.put(name, value == null ? null : value.toString());
    }

    /** The stored payload as JSON; text that is somehow not JSON is shown as a string rather than failing. */
    private static JsonNode payload(String text) {
        if (text == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }
}
