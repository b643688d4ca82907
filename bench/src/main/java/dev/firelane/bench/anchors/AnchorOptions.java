package dev.firelane.bench.anchors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The command line of {@link AnchorMain}, with its defaults; a null {@code lead} is the anchor's default lead. */
record AnchorOptions(String scheduler, int jobs, int threads, Duration lead, String server, String user,
                     String password, Duration timeout, int warmup) {
    static final int DEFAULT_THREADS = 20;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    private static final Set<String> KNOWN = Set.of("scheduler", "jobs", "threads", "lead", "jdbc", "user", "password",
            "timeout", "warmup");

    AnchorOptions {
        if (!Anchors.NAMES.contains(scheduler)) {
            throw new IllegalArgumentException("--scheduler must be one of " + Anchors.NAMES + ", not " + scheduler);
        }
        if (jobs < 1 || threads < 1 || warmup < 0) {
            throw new IllegalArgumentException("--jobs and --threads must be positive, --warmup not negative");
        }
    }

    /** The same run with {@code n} jobs, no warm-up and the anchor's default lead: the warm-up round. */
    AnchorOptions warmupRound() {
        return new AnchorOptions(scheduler, warmup, threads, null, server, user, password, timeout, 0);
    }

    static AnchorOptions parse(String... args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KNOWN.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value (" + KNOWN + "), got " + args[i]);
            }
            opts.put(name, args[i + 1]);
        }
        if (!opts.containsKey("scheduler") || !opts.containsKey("jobs")) {
            throw new IllegalArgumentException("--scheduler and --jobs are required");
        }
        int jobs = Integer.parseInt(opts.get("jobs").replace("_", "").replace(",", ""));
        return new AnchorOptions(opts.get("scheduler"), jobs,
                Integer.parseInt(opts.getOrDefault("threads", Integer.toString(DEFAULT_THREADS))),
                opts.containsKey("lead") ? seconds(opts.get("lead")) : null,
                opts.getOrDefault("jdbc", "jdbc:mysql://127.0.0.1:3306/"),
                opts.getOrDefault("user", "root"),
                opts.getOrDefault("password", ""),
                opts.containsKey("timeout") ? seconds(opts.get("timeout")) : DEFAULT_TIMEOUT,
                Integer.parseInt(opts.getOrDefault("warmup", "0")));
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
