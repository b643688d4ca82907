package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.DatabaseDiff;
import dev.firelane.coordinator.replay.DiffReport;
import dev.firelane.coordinator.replay.RowDiff;
import dev.firelane.coordinator.replay.TableDiff;
import dev.firelane.coordinator.store.DatabaseConfig;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code firelane replay diff}: the rows of a live and a rebuilt database that differ. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares jobs, job_runs and job_commands of the live database with a rebuilt one, column by"
                + " column (job_commands.applied_at excepted: live it is when the command was applied). Both are only read.",
                "Exits 0 if they are the same, 6 if any row differs."})
final class DiffCommand extends ReplaySubcommand {
    @Option(names = "--live", paramLabel = "JDBC_URL", description = "the live database (default: --jdbc or the config's db.url)")
    String liveUrl;

    @Option(names = "--rebuilt", required = true, paramLabel = "JDBC_URL", description = "the database 'replay rebuild' made")
    String rebuiltUrl;

    @Option(names = "--rebuilt-user", paramLabel = "USER", description = "its user (default: sa for H2, else the live one's)")
    String rebuiltUser;

    @Option(names = "--rebuilt-password", paramLabel = "PASSWORD", description = "its password (default: empty for H2, else the live one's)")
    String rebuiltPassword;

    @Option(names = "--json", description = "print the differences as JSON")
    boolean json;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        DatabaseConfig live = live();
        DatabaseConfig rebuilt = ReplayOptions.alongside(spec, "--rebuilt", rebuiltUrl, rebuiltUser, rebuiltPassword, live);
        DiffReport report = DatabaseDiff.compare(live, rebuilt);
        out.print(json ? ReplayJson.pretty(report) : text(report));
        return report.hasDifferences() ? ReplayExit.DIFFERENCES : ReplayExit.OK;
    }

    private DatabaseConfig live() {
        DatabaseConfig configured = options.live(spec);
        if (liveUrl != null) {
            return ReplayOptions.database(spec, "--live", liveUrl, configured == null ? "" : configured.user(),
                    configured == null ? "" : configured.password());
        }
        if (configured == null) {
            throw new ParameterException(spec.commandLine(), "give --live JDBC_URL, --jdbc JDBC_URL or --config FILE with db.url");
        }
        return configured;
    }

    static String text(DiffReport report) {
        StringBuilder out = new StringBuilder();
        for (TableDiff table : report.tables()) {
            out.append(String.format(Locale.ROOT, "%s: %,d live rows, %,d rebuilt rows; %s%n", table.table(), table.liveRows(),
                    table.rebuiltRows(), table.differing() == 0 ? "no difference" : table.differing() + (table.differing() == 1 ? " differs" : " differ")
                            + (table.differing() > table.rows().size() ? " (the first " + table.rows().size() + " shown)" : "")));
            table.schemaNotes().forEach(note -> out.append("  ").append(note).append(System.lineSeparator()));
            table.ignored().forEach(col -> out.append("  not compared: ").append(col).append(System.lineSeparator()));
            for (RowDiff row : table.rows()) {
                out.append("  ").append(table.key()).append(' ').append(row.key()).append(": ").append(kind(row.kind()))
                        .append(System.lineSeparator());
                if (row.kind() == RowDiff.Kind.CHANGED) {
                    for (RowDiff.ColumnDiff column : row.columns()) {
                        out.append("    ").append(column.column()).append(": live ").append(column.live())
                                .append(", rebuilt ").append(column.rebuilt()).append(System.lineSeparator());
                    }
                }
            }
        }
        out.append(report.hasDifferences() ? (report.differingRows() == 1 ? "1 row differs" : report.differingRows() + " rows differ")
                + System.lineSeparator()
                : "the rebuilt database matches the live one" + System.lineSeparator());
        return out.toString();
    }

    private static String kind(RowDiff.Kind kind) {
        return switch (kind) {
            case ONLY_LIVE -> "only in the live database";
            case ONLY_REBUILT -> "only in the rebuilt database";
            case CHANGED -> "differs";
        };
    }
}
