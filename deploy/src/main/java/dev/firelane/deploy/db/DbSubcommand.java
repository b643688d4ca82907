package dev.firelane.deploy.db;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.store.Migrations;
import dev.firelane.deploy.server.FirelaneProperties;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One {@code firelane db} command: the database of the config, its migrations, the result on stdout. A bad config
 * or an unreachable database fails as one line on stderr (exit 1, by {@code FirelaneCli}).
 */
abstract class DbSubcommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = {"the coordinator's properties file (db.url, db.user, db.password; other keys are checked but",
                    "not used); FIRELANE_* environment variables override its keys and may stand in for it"})
    Path config;

    @Spec
    CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int run(Migrations migrations, DatabaseConfig database, PrintWriter out);

    @Override
    public final Integer call() {
        DatabaseConfig database = FirelaneProperties.ofProcess(config).databaseConfig();
        PrintWriter out = spec.commandLine().getOut();
        try {
            return Migrations.with(database, migrations -> run(migrations, database, out));
        } finally {
            out.flush();
        }
    }
}
