package dev.firelane.deploy.job;

import picocli.CommandLine.Command;

/** {@code firelane job …}: clients of the REST API. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Manages jobs through the REST API of a running Firelane.",
                "The server is --server or env FIRELANE_SERVER (default http://localhost:8080).",
                "Exit codes: 0 ok, 1 other error (e.g. server unreachable), 2 usage, 3 not found,",
                "4 invalid or rejected, 5 timed out."},
        subcommands = {CreateCommand.class, UpdateCommand.class, JobQueryCommands.ListJobs.class,
                JobQueryCommands.Show.class, NextCommand.class,
                JobQueryCommands.Runs.class, JobQueryCommands.Audit.class, JobChangeCommands.Pause.class,
                JobChangeCommands.Resume.class, JobChangeCommands.Trigger.class, JobChangeCommands.Delete.class,
                JobChangeCommands.Cancel.class, ApplyCommand.class})
public final class JobCommand {
}
