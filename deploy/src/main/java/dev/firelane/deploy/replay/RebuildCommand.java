package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.Rebuild;
import dev.firelane.coordinator.replay.ReplayApplier;
import dev.firelane.coordinator.store.DatabaseConfig;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane replay rebuild}: a scratch database made from the topics alone. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuilds an empty scratch database from control, fires and runs, with the live migrations and the"
                + " status stream's own apply code, in the order the status stream applies them.",
                "The live database is never written (an --into that is the live --jdbc/db.url is refused);"
                        + " compare the two with 'firelane replay diff'.",
                "A MySQL/MariaDB schema must exist (or add createDatabaseIfNotExist=true to the URL);"
                        + " an H2 file URL is created."})
final class RebuildCommand extends ReplaySubcommand {
    @Option(names = "--into", required = true, paramLabel = "JDBC_URL", description = "the empty scratch database")
    String into;

    @Option(names = "--into-user", paramLabel = "USER", description = "its user (default: sa for H2, else the live db.user)")
    String user;

    @Option(names = "--into-password", paramLabel = "PASSWORD", description = "its password (default: empty for H2, else the live db.password)")
    String password;

    @Option(names = "--until", paramLabel = "INSTANT", description = "apply each partition only up to its last record stamped at or before this")
    String until;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        Instant untilInstant = Instants.parse(spec, "--until", until);
        DatabaseConfig live = options.live(spec);
        DatabaseConfig target = ReplayOptions.alongside(spec, "--into", into, user, password, live);
        Rebuild.Result result = withReplay(err, replay -> replay.rebuild(target, live, untilInstant));
        out.print(text(result, target));
        return ReplayExit.OK;
    }

    static String text(Rebuild.Result result, DatabaseConfig target) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "rebuilt %s from %,d records of %d partitions%s: %,d refused (as the live stream sent them to the dlq)%n",
                target.jdbcUrl(), result.records(), result.partitions(),
                result.until() == null ? "" : " up to " + result.until(), result.refused()));
        for (ReplayApplier.Refusal refusal : result.refusals()) {
            out.append("  refused ").append(refusal.record().position()).append(": ").append(refusal.reason())
                    .append(System.lineSeparator());
        }
        if (result.refused() > result.refusals().size()) {
            out.append("  … and ").append(result.refused() - result.refusals().size()).append(" more").append(System.lineSeparator());
        }
        return out.toString();
    }
}
