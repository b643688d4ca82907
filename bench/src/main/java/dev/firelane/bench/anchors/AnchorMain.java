package dev.firelane.bench.anchors;

import java.time.Clock;

/**
 * Runs one anchor scheduler of the side-by-side benchmark and prints its figures as one line on standard output.
 *
 * <pre>
 *   java -cp bench/target/bench.jar dev.firelane.bench.anchors.AnchorMain --scheduler db-scheduler|jobrunr|quartz
 *        --jobs N [--threads 20] [--lead SECONDS] [--jdbc jdbc:mysql://127.0.0.1:3306/] [--user root]
 *        [--password ""] [--timeout 1800] [--warmup N]
 * </pre>
 * With {@code --warmup N}, a whole run of N jobs goes first in the same JVM, its output discarded, so that the
 * measured run meets code the JIT compiler has already compiled (as in a scheduler that has been up a while).
 * The scheduler's database ({@code bench_dbscheduler}, {@code bench_jobrunr}, {@code bench_quartz}) is dropped,
 * made anew and left in place afterwards. N no-op one-time jobs are stored, all due at T = (start of scheduling)
 * + lead, on a whole second, with the scheduler not executing; it is started before T. The default lead is the
 * anchor's ({@link Anchor#defaultLead}: max(10 s, N/2000 s), Quartz max(10 s, N/400 s), JobRunr plus 7 s for
 * its first poll); a warning says when scheduling or the start ran into T. Progress goes
 * to standard error once a second; standard output gets exactly one line, {@code RESULT {json}} (see
 * {@link AnchorResult}). The exit status is 0 whenever that line was printed, also after a timeout (the line's
 * {@code warning} says so), and 1 when the run failed before it.
 */
public final class AnchorMain {
    static final String DATABASE_PREFIX = "bench_";

    private AnchorMain() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            AnchorOptions options = AnchorOptions.parse(args);
            if (options.warmup() > 0) {
                System.err.printf("%s: warm-up round of %,d jobs%n", options.scheduler(), options.warmup());
                new AnchorRun(options.warmupRound(), Anchors.database(DATABASE_PREFIX, options.scheduler()),
                        Clock.systemUTC(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
            }
            AnchorResult result = new AnchorRun(options, Anchors.database(DATABASE_PREFIX, options.scheduler()),
                    Clock.systemUTC(), System.err).run();
            System.out.println(result.line());
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // the schedulers are stopped by now; a library thread left behind must not keep this child JVM alive
        System.exit(status);
    }
}
