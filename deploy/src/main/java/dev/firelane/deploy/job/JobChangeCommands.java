package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code job} commands that change a job. Each returns once the status stream has applied the command
 * (or fails with exit code 5 if that took longer than the server's timeout).
 */
final class JobChangeCommands {
    private JobChangeCommands() {
    }

    /** ID and --reason, shared by the commands below. */
    abstract static class OnJob extends JobSubcommand {
        @Parameters(paramLabel = "ID", description = "job id")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded in the audit")
        String reason;

        @Mixin
        WaitOption waiting;

        @Override
        boolean waits() {
            return !waiting.noWait;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses a job: no new fires; runs in flight finish and the job stays paused.")
    static final class Pause extends OnJob {
        @Override
        JsonNode call(JobClient client) {
            return client.pause(id, reason);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.changed("paused", answer);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resumes a paused or failed job.")
    static final class Resume extends OnJob {
        @Override
        JsonNode call(JobClient client) {
            return client.resume(id, reason);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.changed("resumed", answer);
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Fires an active job now, outside its schedule.")
    static final class Trigger extends OnJob {
        @Override
        JsonNode call(JobClient client) {
            return client.trigger(id, reason);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.changed("triggered", answer);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a job; its runs and audit are kept.")
    static final class Delete extends OnJob {
        @Override
        JsonNode call(JobClient client) {
            return client.delete(id, reason);
        }

        @Override
        String human(JsonNode answer) {
            return JobOutput.changed("deleted", answer);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Asks the worker running a fire of the job to stop it.")
    static final class Cancel extends OnJob {
        @Option(names = "--fire", required = true, paramLabel = "FIRE", description = "the fire id (see job runs)")
        String fireId;

        @Override
        JsonNode call(JobClient client) {
            return client.cancel(id, fireId, reason);
        }

        @Override
        String human(JsonNode answer) {
            return "cancel of " + fireId + " requested" + System.lineSeparator();
        }
    }
}
