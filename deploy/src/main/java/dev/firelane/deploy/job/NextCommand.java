package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Schedules;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code firelane job next}: the next fire times of a job (asked of the server), or of a schedule given on
 * the command line (computed here, with the coordinator's own schedule math, no server needed).
 */
@Command(name = "next", mixinStandardHelpOptions = true,
        description = {"Prints the next fire times of a job (asked of the server), or of a --cron, --every or --at"
                + " schedule computed locally without a server: a dry run before trusting a schedule.",
                "Each line shows a time in the schedule's zone and in UTC; --json prints an array of ISO-8601 UTC"
                        + " instants. A local --every counts from --from; a job's counts from its creation."})
final class NextCommand implements Callable<Integer> {
    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 1000;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "job id (or give a schedule instead)")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ScheduleOptions schedule;

    @Option(names = "--tz", paramLabel = "ZONE", description = "IANA time zone of a --cron schedule (default: UTC)")
    String timeZone;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + DEFAULT_COUNT,
            description = "how many times, 1 to " + MAX_COUNT + " (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--from", paramLabel = "INSTANT",
            description = "times strictly after this ISO-8601 instant (default: now)")
    String from;

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    /** Where "now" comes from for a local computation without --from. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        checkUsage();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Times times = id != null ? fromServer(options.client()) : local();
            out.print(options.json ? JobOutput.pretty(times.utcJson()) + System.lineSeparator() : times.human());
            return 0;
        } catch (InvalidFieldException e) {
            err.println("error: " + e.getMessage());
            return ApiCallException.EXIT_REFUSED;
        } catch (ApiCallException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (ServerUnreachableException e) {
            err.println("error: " + e.getMessage());
            return ApiCallException.EXIT_OTHER;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void checkUsage() {
        if ((id == null) == (schedule == null)) {
            throw usage("give a job ID or one of --cron, --every, --at (not both)");
        }
        if (timeZone != null && (schedule == null || schedule.cron == null)) {
            throw usage("--tz applies to --cron schedules only (a job's zone is its own)");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw usage("--count must be from 1 to " + MAX_COUNT + "; got " + count);
        }
    }

    private Instant fromInstant() {
        if (from == null) {
            return null;
        }
        try {
            return Instant.parse(from.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(from.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw usage("--from '" + from + "' is not an ISO-8601 instant, e.g. 2026-03-28T00:00:00Z");
            }
        }
    }

    private Times fromServer(JobClient client) {
        JsonNode answer = client.next(id, count, fromInstant());
        List<Instant> times = new ArrayList<>();
        answer.path("times").forEach(t -> times.add(Instant.parse(t.path("utc").asText())));
        Instant after = answer.hasNonNull("from") ? Instant.parse(answer.get("from").asText()) : fromInstant();
        return new Times(ZoneId.of(answer.path("timeZone").asText(JobSpec.DEFAULT_TIME_ZONE)), times, after);
    }

    private Times local() {
        Instant after = from == null ? clock.instant() : fromInstant();
        JobSpec job = new JobSpec("local", ScheduleKind.fromWire(schedule.kind()), schedule.text(), timeZone, "noop",
                null, 0, null, null);
        JobSpecValidator.lenient().validate(job);
        // a local --every has no creation time: it counts from --from
        List<Instant> times = new ScheduleCalculator().next(job, after, after, count);
        return new Times(Schedules.parseZone(job.timeZone()), times, after);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Fire times and the zone to show them in. */
    record Times(ZoneId zone, List<Instant> times, Instant after) {
        String human() {
            return JobOutput.nextTimes(zone, times, after);
        }

        JsonNode utcJson() {
            var array = JobClient.MAPPER.createArrayNode();
            times.forEach(t -> array.add(t.toString()));
            return array;
        }
    }
}
