package dev.firelane.deploy.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** How the job commands print the API's JSON for humans (tables, {@code key: value} lines). */
final class JobOutput {
    /** The fields {@code job show} prints, in order. */
    static final List<String> SHOW_FIELDS = List.of("id", "status", "scheduleKind", "schedule", "scheduleText",
            "timeZone", "handler", "payload", "maxErrors", "overlap", "misfire", "notBefore", "notAfter", "maxAttempts",
            "timeout", "misfireLimit", "generation", "nextFireAt", "runCount", "lastRunAt", "lastRunStatus",
            "lastFireId", "lastFireStatus", "consecutiveErrors", "lastDeliveryStatus", "lastError", "createdAt",
            "updatedAt");

    private JobOutput() {
    }

    static String pretty(JsonNode json) {
        try {
            return JobClient.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return json.toString();
        }
    }

    static String show(JsonNode job) {
        int width = SHOW_FIELDS.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String field : SHOW_FIELDS) {
            out.append(field).append(':').append(" ".repeat(width - field.length() + 1))
                    .append(text(job.get(field))).append(System.lineSeparator());
        }
        return out.toString();
    }

    static String list(JsonNode jobs) {
        if (jobs.isEmpty()) {
            return "no jobs" + System.lineSeparator();
        }
        Table table = new Table("ID", "STATUS", "SCHEDULE", "HANDLER", "RUNS", "LAST RUN", "NEXT FIRE");
        for (JsonNode job : jobs) {
            table.row(text(job.get("id")), text(job.get("status")), schedule(job), text(job.get("handler")),
                    text(job.get("runCount")), lastRun(job), text(job.get("nextFireAt")));
        }
        return table.render();
    }

    static String runs(JsonNode runs) {
        if (runs.isEmpty()) {
            return "no runs yet" + System.lineSeparator();
        }
        Table table = new Table("FIRE ID", "ATTEMPT", "SCHEDULED AT", "STARTED AT", "TOOK", "OUTCOME", "WORKER", "ERROR");
        for (JsonNode run : runs) {
            table.row(text(run.get("fireId")), text(run.get("attempt")), text(run.get("scheduledAt")),
                    text(run.get("startedAt")), took(run.get("startedAt"), run.get("finishedAt")),
                    text(run.get("outcome")), text(run.get("workerId")), text(run.get("error")));
        }
        return table.render();
    }

    static String audit(JsonNode commands) {
        if (commands.isEmpty()) {
            return "no commands" + System.lineSeparator();
        }
        Table table = new Table("REQUESTED AT", "COMMAND", "BY", "REASON", "RESULT", "APPLIED AT", "COMMAND ID");
        for (JsonNode c : commands) {
            String result = text(c.get("result"));
            if (c.hasNonNull("resultReason")) {
                result += ": " + c.get("resultReason").asText();
            }
            table.row(text(c.get("requestedAt")), text(c.get("kind")), text(c.get("requestedBy")), text(c.get("reason")),
                    result, text(c.get("appliedAt")), text(c.get("commandId")));
        }
        return table.render();
    }

    /**
     * Fire times, one line each: the local time in {@code zone} (ISO-8601 with offset) and the UTC instant.
     */
    static String nextTimes(ZoneId zone, List<Instant> times, Instant after) {
        if (times.isEmpty()) {
            return "no fire times after " + after + System.lineSeparator();
        }
        Table table = new Table("LOCAL (" + zone.getId() + ")", "UTC");
        for (Instant time : times) {
            table.row(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone)), time.toString());
        }
        return table.render();
    }

    /** One line after a state change, e.g. {@code job nightly paused (applied in 42 ms)}. */
    static String changed(String verb, JsonNode job) {
        List<String> parts = new ArrayList<>();
        parts.add("job " + text(job.get("id")) + " " + verb);
        if (job.hasNonNull("status") && !verb.equals(job.get("status").asText())) {
            parts.add("status " + job.get("status").asText());
        }
        String line = String.join(", ", parts);
        String note = job.path("command").path("resultReason").asText("");
        if (job.hasNonNull("appliedInMs")) {
            line += " (" + (note.isEmpty() ? "" : note + "; ") + "applied in " + job.get("appliedInMs").asLong() + " ms)";
        }
        return line + System.lineSeparator();
    }

    /** The 202 of a command sent with {@code --no-wait}: the command id instead of the applied job. */
    static boolean isAccepted(JsonNode answer) {
        return answer.isObject() && answer.has("location") && answer.has("commandId") && !answer.has("id");
    }

    static String accepted(JsonNode answer) {
        return text(answer.get("kind")) + " of job " + text(answer.get("jobId")) + " sent as command "
                + text(answer.get("commandId")) + "; not waiting for it to apply (see: firelane job audit "
                + text(answer.get("jobId")) + ")" + System.lineSeparator();
    }

    private static String schedule(JsonNode job) {
        String kind = text(job.get("scheduleKind"));
        String schedule = kind + " " + text(job.get("schedule"));
        String zone = job.path("timeZone").asText("");
        return "cron".equals(kind) && !zone.isEmpty() && !"UTC".equals(zone) ? schedule + " (" + zone + ")" : schedule;
    }

    private static String lastRun(JsonNode job) {
        if (!job.hasNonNull("lastRunAt")) {
            return "-";
        }
        return job.get("lastRunAt").asText() + " " + text(job.get("lastRunStatus"));
    }

    private static String took(JsonNode started, JsonNode finished) {
        if (started == null || finished == null || started.isNull() || finished.isNull()) {
            return "-";
        }
        try {
            Duration d = Duration.between(Instant.parse(started.asText()), Instant.parse(finished.asText()));
            return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
        } catch (DateTimeParseException e) {
            return "-";
        }
    }

    /** A JSON value as text: strings bare, null as {@code -}, objects as compact JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
