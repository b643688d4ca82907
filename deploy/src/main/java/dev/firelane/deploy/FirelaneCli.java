package dev.firelane.deploy;

import dev.firelane.coordinator.api.HttpLimits;
import dev.firelane.deploy.db.DbCommand;
import dev.firelane.deploy.dev.DevCommand;
import dev.firelane.deploy.job.JobCommand;
import dev.firelane.deploy.replay.ReplayCommand;
import dev.firelane.deploy.server.CoordinatorCommand;
import dev.firelane.deploy.server.WorkerCommand;
import dev.firelane.protocol.FirelaneException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code firelane} command. */
@Command(name = "firelane", mixinStandardHelpOptions = true, versionProvider = FirelaneCli.Version.class,
        description = "A distributed job scheduler for the JVM in which an operator's pause always wins.",
        subcommands = {DevCommand.class, CoordinatorCommand.class, WorkerCommand.class, JobCommand.class,
                ReplayCommand.class, DbCommand.class, CommandLine.HelpCommand.class})
public final class FirelaneCli {
    public static void main(String[] args) {
        HttpLimits.apply(); // before any HTTP server of this JVM (the API's, a worker's metrics) reads them
        System.exit(commandLine().execute(args));
    }

    /** The command line, with Firelane's failures printed as one line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FirelaneCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof FirelaneException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** The version from the jar manifest, if there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FirelaneCli.class.getPackage().getImplementationVersion();
            return new String[] {"firelane " + (version == null ? "(development build)" : version)};
        }
    }
}
