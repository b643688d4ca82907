package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs one API call and prints its result; turns failures into a message on stderr and the exit codes
 * of {@link ApiCallException} (1 when the server cannot be reached).
 */
abstract class JobSubcommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    /** Calls the API. */
    abstract JsonNode call(JobClient client);

    /** Formats a successful answer for humans. */
    abstract String human(JsonNode answer);

    /** Whether a command waits until applied; the commands with {@code --no-wait} say otherwise. */
    boolean waits() {
        return true;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode answer = call(options.client().waitUntilApplied(waits()));
            out.print(options.json ? JobOutput.pretty(answer) + System.lineSeparator()
                    : JobOutput.isAccepted(answer) ? JobOutput.accepted(answer) : human(answer));
            return 0;
        } catch (ApiCallException e) {
            if (options.json && e.body() != null) {
                out.println(JobOutput.pretty(e.body()));
            }
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (ServerUnreachableException e) {
            err.println("error: " + e.getMessage());
            return ApiCallException.EXIT_OTHER;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
