package dev.firelane.coordinator.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.firelane.protocol.Instants;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The rows of a statement on many jobs as one JSON array, read on MySQL and MariaDB with {@code JSON_TABLE}: one
 * parameter and a static statement, instead of a {@code UNION ALL} of a thousand {@code SELECT}s with ten
 * parameters each, which MyBatis and the driver had to build, parse and bind anew for every batch (the status
 * stream's main CPU cost when 100,000 jobs ran at once). Instants are written as the UTC text
 * {@code DATETIME(3)} columns take, as {@link dev.firelane.coordinator.store.InstantTypeHandler} does.
 */
final class JsonRows {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonRows() {
    }

    static String activities(List<JobActivity> activities) {
        return write(g -> {
            for (JobActivity a : activities) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeNumberField("runs", a.runs());
                g.writeBooleanField("resetErrors", a.resetErrors());
                g.writeNumberField("errors", a.errors());
                instant(g, "lastRunAt", a.lastRunAt());
                g.writeStringField("lastRunStatus", a.lastRunStatus());
                g.writeStringField("lastError", a.lastError());
                number(g, "lastDeliveryStatus", a.lastDeliveryStatus());
                g.writeStringField("lastFireId", a.lastFireId());
                instant(g, "nextFireAt", a.nextFireAt());
                g.writeEndObject();
            }
        });
    }

    static String transitions(List<JobTransition> transitions) {
        return write(g -> {
            for (JobTransition t : transitions) {
                g.writeStartObject();
                g.writeStringField("id", t.id());
                instant(g, "at", t.at());
                g.writeEndObject();
            }
        });
    }

    static String jobs(List<JobRow> rows) {
        return write(g -> {
            for (JobRow r : rows) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("scheduleKind", r.scheduleKind());
                g.writeStringField("schedule", r.schedule());
                g.writeStringField("timeZone", r.timeZone());
                g.writeStringField("handler", r.handler());
                g.writeStringField("payload", r.payload());
                g.writeNumberField("maxErrors", r.maxErrors());
                g.writeStringField("overlapPolicy", r.overlapPolicy());
                g.writeStringField("misfirePolicy", r.misfirePolicy());
                instant(g, "notBefore", r.notBefore());
                instant(g, "notAfter", r.notAfter());
                g.writeNumberField("maxAttempts", r.maxAttempts());
                number(g, "timeoutMs", r.timeoutMs());
                g.writeNumberField("misfireLimit", r.misfireLimit());
                g.writeStringField("status", r.status());
                g.writeNumberField("generation", r.generation());
                instant(g, "nextFireAt", r.nextFireAt());
                instant(g, "createdAt", r.createdAt());
                instant(g, "updatedAt", r.updatedAt());
                g.writeNumberField("incarnation", r.incarnation());
                g.writeEndObject();
            }
        });
    }

    static String commands(List<CommandRow> rows) {
        return write(g -> {
            for (CommandRow r : rows) {
                g.writeStartObject();
                g.writeStringField("commandId", r.commandId());
                g.writeStringField("jobId", r.jobId());
                g.writeStringField("kind", r.kind());
                g.writeStringField("requestedBy", r.requestedBy());
                instant(g, "requestedAt", r.requestedAt());
                g.writeStringField("reason", r.reason());
                instant(g, "appliedAt", r.appliedAt());
                g.writeStringField("result", r.result());
                g.writeStringField("resultReason", r.resultReason());
                number(g, "firesOffset", r.firesOffset());
                number(g, "runsOffset", r.runsOffset());
                g.writeEndObject();
            }
        });
    }

    static String strings(java.util.Collection<String> values) {
        return write(g -> {
            for (String value : values) {
                g.writeString(value);
            }
        });
    }

    static String runs(List<RunRow> rows) {
        return write(g -> {
            for (RunRow r : rows) {
                g.writeStartObject();
                g.writeStringField("fireId", r.fireId());
                g.writeStringField("jobId", r.jobId());
                g.writeNumberField("attempt", r.attempt());
                instant(g, "scheduledAt", r.scheduledAt());
                instant(g, "firedAt", r.firedAt());
                instant(g, "startedAt", r.startedAt());
                instant(g, "finishedAt", r.finishedAt());
                g.writeStringField("workerId", r.workerId());
                g.writeStringField("outcome", r.outcome());
                g.writeStringField("error", r.error());
                number(g, "deliveryStatus", r.deliveryStatus());
                g.writeEndObject();
            }
        });
    }

    private interface Rows {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Rows rows) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            rows.write(g);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void number(JsonGenerator g, String field, Integer value) throws IOException {
        number(g, field, value == null ? null : value.longValue());
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeStringField(field, value == null ? null : Instants.sqlMillis(value));
    }
}
