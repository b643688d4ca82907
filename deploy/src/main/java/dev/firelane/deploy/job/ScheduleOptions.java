package dev.firelane.deploy.job;

import picocli.CommandLine.Option;

/** {@code --cron EXPR | --every DURATION | --at INSTANT}: one schedule (an exclusive argument group). */
final class ScheduleOptions {
    @Option(names = "--cron", paramLabel = "EXPR",
            description = "cron: 5 fields (Unix) or 6-7 fields (Quartz, seconds first)")
    String cron;

    @Option(names = "--every", paramLabel = "DURATION", description = "fixed rate: 5s, 10m, 2h, PT30S")
    String every;

    @Option(names = "--at", paramLabel = "INSTANT", description = "once, at an ISO-8601 instant: 2026-01-01T09:00:00Z")
    String at;

    /** The wire name of the schedule kind: {@code cron}, {@code every} or {@code at}. */
    String kind() {
        return cron != null ? "cron" : every != null ? "every" : "at";
    }

    /** The schedule text as given. */
    String text() {
        return cron != null ? cron : every != null ? every : at;
    }
}
