package dev.firelane.bench.anchors;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The once-a-second line on standard error: {@code db-scheduler: 41,200/100,000 executed, 4,310/s}. */
final class Progress implements Runnable {
    private final String name;
    private final Executions executions;
    private final Instant due;
    private final Clock clock;
    private final PrintStream out;
    private Instant last;
    private int lastExecuted;

    Progress(String name, Executions executions, Instant due, Clock clock, PrintStream out) {
        this.name = name;
        this.executions = executions;
        this.due = due;
        this.clock = clock;
        this.out = out;
        this.last = clock.instant();
    }

    /** Prints one line; the rate is over the time since the previous line. */
    @Override
    public void run() {
        Instant now = clock.instant();
        int executed = executions.executed();
        double elapsed = Math.max(1e-3, Duration.between(last, now).toNanos() / 1e9);
        String line = String.format("%s: %,d/%,d executed, %,.0f/s", name, executed, executions.jobs(),
                (executed - lastExecuted) / elapsed);
        if (now.isBefore(due)) {
            line += String.format(" (due in %.1f s)", Duration.between(now, due).toMillis() / 1000.0);
        }
        out.println(line);
        last = now;
        lastExecuted = executed;
    }
}
