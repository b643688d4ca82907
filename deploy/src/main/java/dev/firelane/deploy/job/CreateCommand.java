package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--tz", paramLabel = "ZONE", description = "IANA time zone of a --cron schedule (default: UTC)")
    String timeZone;

    @Option(names = "--handler", required = true, paramLabel = "NAME", description = "handler that runs the job")
    String handler;

    @Mixin
    PolicyOptions policies;

    @Mixin
    WaitOption waiting;

    @Override
    boolean waits() {
        return !waiting.noWait;
    }

    @Option(names = "--paused", description = "create the job paused")
    boolean paused;

    @Override
    JsonNode call(JobClient client) {
        return client.create(body());
    }

    ObjectNode body() {
        ObjectNode body = JobClient.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("scheduleKind", schedule.kind()).put("schedule", schedule.text());
        if (timeZone != null) {
            if (schedule.cron == null) {
                throw new ParameterException(spec.commandLine(), "--tz applies to --cron schedules only");
            }
            body.put("timeZone", timeZone);
        }
        body.put("handler", handler);
        policies.putInto(body, spec.commandLine(), false);
        body.put("paused", paused);
        return body;
    }

    @Override
    String human(JsonNode answer) {
        return JobOutput.changed("created", answer) + JobOutput.show(answer);
    }
}
