package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.Replay;
import dev.firelane.coordinator.replay.ReplayException;
import dev.firelane.coordinator.replay.TopicHistory;
import dev.firelane.protocol.FirelaneException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs one replay command: its result on stdout, warnings and progress on stderr, failures as one line on stderr
 * with the exit codes of {@link ReplayExit}.
 */
abstract class ReplaySubcommand implements Callable<Integer> {
    @Mixin
    ReplayOptions options;

    @Spec
    CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int run(PrintWriter out, PrintWriter err);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (QuietLogs quiet = QuietLogs.start()) {
            return run(out, err);
        } catch (ReplayException e) {
            err.println("error: " + e.getMessage());
            return ReplayExit.of(e);
        } catch (FirelaneException e) {
            err.println("error: " + e.getMessage());
            return ReplayExit.OTHER;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Connects to the topics (stderr gets warnings and progress) and hands a replay to {@code work}. */
    <T> T withReplay(PrintWriter err, java.util.function.Function<Replay, T> work) {
        try (TopicHistory history = TopicHistory.connect(options.settings(spec))) {
            Replay replay = new Replay(history, Clock.systemUTC(), line -> {
                err.println(line);
                err.flush();
            }, System::nanoTime);
            return work.apply(replay);
        }
    }
}
