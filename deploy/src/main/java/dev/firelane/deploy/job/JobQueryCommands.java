package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only {@code job} commands. */
final class JobQueryCommands {
    private JobQueryCommands() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists jobs (deleted ones only with --status deleted).")
    static final class ListJobs extends JobSubcommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "active, paused, failed, completed or deleted")
        String status;

        @Option(names = "--limit", paramLabel = "N", description = "at most N jobs (default: the server's, 1000)")
        Integer limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "skip the first N (default: 0)")
        int offset;

        @Override
        JsonNode call(JobClient client) {
            return client.list(status, limit, offset);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.list(answer);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows one job.")
    static final class Show extends JobSubcommand {
        @Parameters(paramLabel = "ID", description = "job id")
        String id;

        @Override
        JsonNode call(JobClient client) {
            return client.show(id);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.show(answer);
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = "Lists a job's runs, newest first.")
    static final class Runs extends JobSubcommand {
        @Parameters(paramLabel = "ID", description = "job id")
        String id;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N runs (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "skip the N newest (default: 0)")
        int offset;

        @Override
        JsonNode call(JobClient client) {
            return client.runs(id, limit, offset);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.runs(answer);
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Lists the commands applied to (or rejected for) a job.")
    static final class Audit extends JobSubcommand {
        @Parameters(paramLabel = "ID", description = "job id")
        String id;

        @Option(names = "--limit", paramLabel = "N", description = "at most N commands (default: the server's, 500)")
        Integer limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "skip the N oldest (default: 0)")
        int offset;

        @Override
        JsonNode call(JobClient client) {
            return client.audit(id, limit, offset);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.audit(answer);
        }
    }
}
