package dev.firelane.deploy.db;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.store.Migrations;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code firelane db migrate}: what a coordinator does at start, alone (ahead of a rollout). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies the pending migrations, as a coordinator does when it starts: run it ahead of a",
                "rollout so that the new coordinators start on a schema already up to date.",
                "A database made before Flyway is baselined at the version its schema_version table records.",
                "Refuses a database whose applied scripts differ from this build's (see 'firelane db repair')."})
final class DbMigrateCommand extends DbSubcommand {
    @Override
    int run(Migrations migrations, DatabaseConfig database, PrintWriter out) {
        int applied = migrations.migrate();
        out.println("database " + database.jdbcUrl() + ": " + applied + (applied == 1 ? " migration" : " migrations")
                + " applied; schema version " + migrations.info().currentVersion());
        return 0;
    }
}
