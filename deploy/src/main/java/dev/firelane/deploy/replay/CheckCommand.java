package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.DiffReport;
import dev.firelane.coordinator.replay.HistoryCheck;
import dev.firelane.coordinator.replay.HistoryRead;
import dev.firelane.coordinator.replay.TableDiff;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.Schedules;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code firelane replay check}: the whole history against Firelane's invariants. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the whole history - control, fires, runs, job-state and the live jobs - against Firelane's"
                + " invariants: pause sticks, no fire after a seen pause, exactly-once effect (run_count), nothing lost"
                + " (every fire has an outcome), no duplicate fires, bad input refused (every unreadable record is on the dlq"
                + " with a reason), no partition stalls (no record left unconsumed by the status stream, the fire topology"
                + " or the workers for longer than --settle), and replay equals live (the topics rebuilt into an"
                + " in-memory database and compared with the live one).",
                "Prints each violation with the records that show it. Reads only.",
                "Exits 0 if every invariant holds, 6 if any is violated."})
final class CheckCommand extends ReplaySubcommand {
    private static final int MAX_ROWS_SHOWN = 10;

    @Option(names = "--seen-within", paramLabel = "DURATION", defaultValue = "5s",
            description = "how long after a pause was applied a fire may still be emitted (default: ${DEFAULT-VALUE})")
    String seenWithin;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "2m",
            description = "fires reported within this of the end of the history may still be going, and a record"
                    + " unconsumed for longer is a stalled partition (default: ${DEFAULT-VALUE})")
    String settle;

    @Option(names = "--no-rebuild", description = "skip the rebuild and comparison with the live database")
    boolean noRebuild;

    @Option(names = "--worker-group", paramLabel = "GROUP",
            description = "the workers' consumer group, checked for stalled partitions of fires (default: the config's"
                    + " worker.group, or firelane-workers)")
    String workerGroup;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        HistoryCheck.Settings settings = new HistoryCheck.Settings(duration("--seen-within", seenWithin),
                duration("--settle", settle), HistoryCheck.Settings.DEFAULT.inFlightTtl());
        DatabaseConfig live = options.live(spec);
        if (live == null) {
            err.println("warning: no database (--jdbc or --config with db.url): exactly-once and replay-equals-live are not checked");
        }
        HistoryRead.Report report = withReplay(err, replay -> replay.check(live, settings, !noRebuild,
                options.workerGroup(workerGroup)));
        out.print(text(report));
        return report.holds() ? ReplayExit.OK : ReplayExit.DIFFERENCES;
    }

    private Duration duration(String option, String text) {
        try {
            return Schedules.parseDuration(option, text);
        } catch (InvalidFieldException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The first differing rows of each table, column by column: live, then rebuilt. */
    private static void appendRows(StringBuilder out, DiffReport diff) {
        for (TableDiff table : diff.tables()) {
            table.rows().stream().limit(MAX_ROWS_SHOWN).forEach(row -> {
                out.append("  ").append(table.table()).append(' ').append(row.key()).append(": ")
                        .append(row.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(System.lineSeparator());
                row.columns().forEach(c -> out.append("    ").append(c.column()).append(": live ").append(c.live())
                        .append(", rebuilt ").append(c.rebuilt()).append(System.lineSeparator()));
            });
        }
    }

    static String text(HistoryRead.Report report) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "checked %,d records%n", report.records()));
        for (HistoryCheck.Result result : report.results()) {
            out.append(String.format(Locale.ROOT, "%-28s %s (%,d checked)%s%n", result.invariant() + ":",
                    result.holds() ? "ok" : "VIOLATED " + result.violations().size() + "x", result.checked(),
                    result.note() == null ? "" : "; " + result.note()));
            for (HistoryCheck.Violation v : result.violations()) {
                out.append("  job ").append(v.jobId()).append(": ").append(v.what()).append(System.lineSeparator());
                v.evidence().forEach(e -> out.append("    ").append(e).append(System.lineSeparator()));
            }
        }
        String replay;
        if (report.diff() == null) {
            replay = report.diffNote();
        } else if (report.diff().hasDifferences()) {
            replay = "VIOLATED: " + report.diff().differingRows() + " row(s) differ (see 'firelane replay rebuild' and 'diff')";
        } else {
            replay = "ok (the rebuilt database matches the live one)";
        }
        out.append(String.format(Locale.ROOT, "%-28s %s%n", "replay equals live:", replay));
        if (report.diff() != null && report.diff().hasDifferences()) {
            appendRows(out, report.diff());
        }
        out.append(report.holds() ? "every invariant holds" : "invariants violated").append(System.lineSeparator());
        return out.toString();
    }
}
