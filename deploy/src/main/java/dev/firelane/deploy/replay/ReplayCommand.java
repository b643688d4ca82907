package dev.firelane.deploy.replay;

import picocli.CommandLine.Command;

/** {@code firelane replay …}: incident analysis from the topics. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Incident analysis from the topics: what happened to a job, and why, read back from control, fires,"
                + " runs and job-state and applied with the status stream's own code.",
                "Reads Kafka and the database named by --config FILE (the coordinator's file; firelane dev writes"
                        + " <data-dir>/firelane.properties) or by --bootstrap / --jdbc. Never writes a topic or the live database.",
                "Exit codes: 0 ok, 1 other error (e.g. Kafka unreachable), 2 usage, 3 not found, 4 invalid,"
                        + " 6 differences or violations found (diff, check)."},
        subcommands = {TimelineCommand.class, StateCommand.class, ScheduleCommand.class, RebuildCommand.class,
                DiffCommand.class, CheckCommand.class})
public final class ReplayCommand {
}
