package dev.firelane.deploy.db;

import picocli.CommandLine.Command;

/** {@code firelane db …}: the job database's schema migrations, without starting a coordinator. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The job database's schema: which migrations it has, applying them ahead of a rollout, and"
                + " repairing the schema history after a script changed.",
                "A coordinator applies pending migrations itself when it starts; these commands do the same work on"
                        + " their own. They read db.url, db.user and db.password from --config FILE (the coordinator's"
                        + " file) or the FIRELANE_DB_* variables.",
                "See docs/database-migrations.md."},
        subcommands = {DbInfoCommand.class, DbMigrateCommand.class, DbRepairCommand.class})
public final class DbCommand {
}
