package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code firelane job update ID …}: reads the job, applies the options given and sends the whole definition
 * with {@code PUT /api/jobs/{id}}. What is not given stays as it is; {@code none} removes a window bound or
 * the timeout. The status is left alone (pause and resume change it).
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Changes a job's definition; options not given keep their current value.",
                "--timeout, --not-before and --not-after take 'none' to remove the value."})
final class UpdateCommand extends JobSubcommand {
    /** The definition fields of the API's job JSON, carried over from the current job. */
    static final List<String> DEFINITION_FIELDS = List.of("scheduleKind", "schedule", "timeZone", "handler", "payload",
            "maxErrors", "overlap", "misfire", "notBefore", "notAfter", "maxAttempts", "timeout", "misfireLimit");

    @Parameters(paramLabel = "ID", description = "job id")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ScheduleOptions schedule;

    @Option(names = "--tz", paramLabel = "ZONE", description = "IANA time zone of a cron schedule")
    String timeZone;

    @Option(names = "--handler", paramLabel = "NAME", description = "handler that runs the job")
    String handler;

    @Mixin
    PolicyOptions policies;

    @Mixin
    WaitOption waiting;

    @Override
    boolean waits() {
        return !waiting.noWait;
    }

    @Override
    JsonNode call(JobClient client) {
        if (schedule == null && timeZone == null && handler == null && !policies.changesDefinition()) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give a schedule, --tz, --handler or"
                    + " another definition option");
        }
        return client.update(id, body(client.show(id)));
    }

    /** The new definition: {@code current} with the given options applied. */
    ObjectNode body(JsonNode current) {
        ObjectNode body = JobClient.MAPPER.createObjectNode();
        for (String field : DEFINITION_FIELDS) {
            if (current.hasNonNull(field)) {
                body.set(field, current.get(field));
            }
        }
        if (schedule != null) {
            body.put("scheduleKind", schedule.kind()).put("schedule", schedule.text());
        }
        if (timeZone != null) {
            if (!"cron".equals(body.path("scheduleKind").asText())) {
                throw new ParameterException(spec.commandLine(), "--tz applies to cron schedules only");
            }
            body.put("timeZone", timeZone);
        }
        if (handler != null) {
            body.put("handler", handler);
        }
        policies.putInto(body, spec.commandLine(), true);
        return body;
    }

    @Override
    String human(JsonNode answer) {
        return JobOutput.changed("updated", answer) + JobOutput.show(answer);
    }
}
