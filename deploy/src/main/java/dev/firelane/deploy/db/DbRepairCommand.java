package dev.firelane.deploy.db;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.store.Migrations;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code firelane db repair}: the schema history made to agree with this build's scripts. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Makes the schema history agree with this build: records the checksums and descriptions of",
                "its scripts for the versions already applied, and removes the entries of failed migrations.",
                "It runs no script and changes no table but the history: first make sure the database really",
                "matches the scripts (on MySQL/MariaDB, undo by hand what a failed script did)."})
final class DbRepairCommand extends DbSubcommand {
    @Override
    int run(Migrations migrations, DatabaseConfig database, PrintWriter out) {
        List<String> actions = migrations.repair();
        out.println("database " + database.jdbcUrl() + ": "
                + (actions.isEmpty() ? "nothing to repair" : "repaired (" + String.join(", ", actions) + ")"));
        return 0;
    }
}
