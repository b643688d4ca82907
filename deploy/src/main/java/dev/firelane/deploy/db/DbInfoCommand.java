package dev.firelane.deploy.db;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.store.Migrations;
import dev.firelane.deploy.job.Table;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;

/** {@code firelane db info}: every migration, with its state in the database. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Lists the migrations of this build and of the database: version, description, state",
                "(Pending, Success, Baseline, Below Baseline, Failed, Future, Applied before Flyway, …) and when",
                "each was installed.",
                "Changes nothing."})
final class DbInfoCommand extends DbSubcommand {
    @Override
    int run(Migrations migrations, DatabaseConfig database, PrintWriter out) {
        Migrations.Status status = migrations.info();
        out.println("database " + database.jdbcUrl() + ": schema version "
                + (status.currentVersion() == null ? "none (no migration applied by Flyway yet)" : status.currentVersion()));
        status.legacyVersion().ifPresent(version -> out.println("made before Flyway: its schema_version table records"
                + " version " + version + "; the next start or 'firelane db migrate' baselines it there (scripts up to V"
                + version + " are not run again)"));
        Table table = new Table("VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON");
        for (Migrations.Row row : status.rows()) {
            table.row(row.version(), row.description(), row.type(), row.state(),
                    row.installedOn() == null ? "" : row.installedOn().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        out.print(table.render());
        return 0;
    }
}
