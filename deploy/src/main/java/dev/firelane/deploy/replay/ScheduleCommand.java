package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.ScheduleAudit;
import dev.firelane.coordinator.replay.ScheduleAudit.Line;
import dev.firelane.coordinator.replay.ScheduleAudit.Verdict;
import dev.firelane.deploy.job.Table;
import dev.firelane.protocol.Schedules;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane replay schedule}: the what-if of a job's schedule over a past window. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Lists the fire times a job's schedule implies between --from and --to (with the definition and"
                + " status in force at each time, DST rules included) next to the fires actually emitted, and marks"
                + " the missed ones and the extra ones: the DST audit and the missed-fire check in one view."})
final class ScheduleCommand extends ReplaySubcommand {
    static final int DEFAULT_LIMIT = 1000;

    @Option(names = "--job", required = true, paramLabel = "ID", description = "the job")
    String jobId;

    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "start of the window, ISO-8601")
    String from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "end of the window, ISO-8601")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "at most N schedule times (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        Instant fromInstant = Instants.parse(spec, "--from", from);
        Instant toInstant = Instants.parse(spec, "--to", to);
        Instants.requireOrdered(spec, fromInstant, toInstant);
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more; got " + limit);
        }
        ScheduleAudit.Report report = withReplay(err, replay -> replay.schedule(jobId, fromInstant, toInstant, limit));
        if (report.truncated()) {
            err.println("warning: more than " + limit + " schedule times in the window; listed the first " + limit
                    + " (raise --limit or narrow the window)");
        }
        out.print(json ? ReplayJson.pretty(report) : text(report));
        return ReplayExit.OK;
    }

    static String text(ScheduleAudit.Report report) {
        ZoneId zone = Schedules.parseZone(report.spec().timeZone());
        StringBuilder out = new StringBuilder("job ").append(report.jobId()).append(": ")
                .append(report.spec().scheduleKind().wire()).append(' ').append(report.spec().schedule())
                .append(" in ").append(zone).append(", from ").append(report.from()).append(" to ").append(report.to())
                .append(System.lineSeparator());
        Table table = new Table("SCHEDULED (UTC)", "LOCAL (" + zone + ")", "FIRED AT", "VERDICT", "NOTE");
        for (Line line : report.lines()) {
            String local = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(line.scheduledAt().atZone(line.zone()))
                    + (line.zone().equals(zone) ? "" : " " + line.zone());
            String note = line.note();
            if (!line.retries().isEmpty()) {
                note = (note == null ? "" : note + "; ") + "retried: attempt " + line.retries();
            }
            table.row(line.scheduledAt().toString(), local,
                    line.fire() == null ? null : line.fire().firedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                    verdict(line.verdict()), note);
        }
        out.append(table.render());
        out.append(String.format(Locale.ROOT, "%d fired, %d missed, %d skipped, %d not due, %d caught up, %d extra%n",
                report.count(Verdict.FIRED), report.count(Verdict.MISSED), report.count(Verdict.SKIPPED),
                report.count(Verdict.NOT_DUE), report.count(Verdict.CATCH_UP), report.count(Verdict.EXTRA)));
        return out.toString();
    }

    private static String verdict(Verdict verdict) {
        return switch (verdict) {
            case FIRED -> "fired";
            case MISSED -> "MISSED";
            case SKIPPED -> "skipped";
            case NOT_DUE -> "not due";
            case CATCH_UP -> "caught up";
            case EXTRA -> "EXTRA";
        };
    }
}
