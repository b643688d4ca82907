package dev.firelane.deploy.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code firelane job create}: builds the {@code POST /api/jobs} body from options. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates a job; returns once it is in the database.")
final class CreateCommand extends JobSubcommand {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "job id: letters, digits, '.', '_', '-'")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ScheduleOptions schedule;

    static final class ScheduleOptions {
        @Option(names = "--cron", paramLabel = "EXPR",
                description = "cron: 5 fields (Unix) or 6-7 fields (Quartz, seconds first)")
        String cron;

        @Option(names = "--every", paramLabel = "DURATION", description = "fixed rate: 5s, 10m, 2h, PT30S")
        String every;

        @Option(names = "--at", paramLabel = "INSTANT", description = "once, at an ISO-8601 instant: 2026-01-01T09:00:00Z")
        String at;
    }

    @Option(names = "--tz", paramLabel = "ZONE", description = "time zone of a --cron schedule (default: UTC)")
    String timeZone;

    @Option(names = "--handler", required = true, paramLabel = "NAME", description = "handler that runs the job")
    String handler;

    @Option(names = "--payload", paramLabel = "JSON", description = "JSON handed to the handler (default: {})")
    String payload;

    @Option(names = "--max-errors", paramLabel = "N", description = "consecutive failures after which the job is failed (0 = no limit)")
    Integer maxErrors;

    @Option(names = "--overlap", paramLabel = "skip|allow|queue", description = "when due while a run is in flight (default: skip)")
    String overlap;

    @Option(names = "--misfire", paramLabel = "skip|once|all", description = "fire times missed while down (default: once)")
    String misfire;

    @Option(names = "--paused", description = "create the job paused")
    boolean paused;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded in the audit")
    String reason;

    @Override
    JsonNode call(JobClient client) {
        return client.create(body());
    }

    ObjectNode body() {
        ObjectNode body = JobClient.MAPPER.createObjectNode();
        body.put("id", id);
        if (schedule.cron != null) {
            body.put("scheduleKind", "cron").put("schedule", schedule.cron);
        } else if (schedule.every != null) {
            body.put("scheduleKind", "every").put("schedule", schedule.every);
        } else {
            body.put("scheduleKind", "at").put("schedule", schedule.at);
        }
        if (timeZone != null) {
            if (schedule.cron == null) {
                throw new ParameterException(spec.commandLine(), "--tz applies to --cron schedules only");
            }
            body.put("timeZone", timeZone);
        }
        body.put("handler", handler);
        if (payload != null) {
            body.set("payload", parsePayload());
        }
        if (maxErrors != null) {
            body.put("maxErrors", maxErrors);
        }
        putIfSet(body, "overlap", overlap);
        putIfSet(body, "misfire", misfire);
        body.put("paused", paused);
        putIfSet(body, "reason", reason);
        return body;
    }

    private JsonNode parsePayload() {
        try {
            JsonNode node = JobClient.MAPPER.readTree(payload);
            if (node == null) {
                throw new ParameterException(spec.commandLine(), "--payload is empty; give JSON such as '{\"ms\": 100}'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), "--payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    @Override
    String human(JsonNode answer) {
        return JobOutput.changed("created", answer) + JobOutput.show(answer);
    }
}
