package dev.firelane.bench.side;

import dev.firelane.bench.fleet.Fleet;
import dev.firelane.bench.fleet.FleetSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steady load, then pauses under it, on Firelane in the production shape against MariaDB: {@code jobs} no-op
 * jobs {@code every 1s}; after a warm-up, {@code seconds} of load are measured (start and fire lateness from
 * the run rows, the status stream's lag sampled each second); then {@code pauses} jobs are paused one after
 * another while the load goes on (API time, and whether any fire was emitted after a pause returned or any run
 * started more than 1 s after it). With {@code --retention 1m} and a long {@code --seconds} it also shows that
 * the run history stays bounded (the rows of {@code job_runs} at the end).
 *
 * A job {@code every 1s} fires at its creation time plus whole seconds. The jobs are created in {@code --phases}
 * groups spread over a second (default 10: a hundred jobs due every 100 ms, a steady flow); {@code --phases 1}
 * creates them at once, so that all fall due at the same instant every second (a burst of {@code jobs} per second).
 *
 * <pre>java -cp bench/target/bench.jar dev.firelane.bench.side.SteadyLoadProbe [--jobs 1000] [--seconds 60]
 *     [--pauses 50] [--warmup 15] [--phases 10] [--workers 2] [--slots 16] [--partitions 6] [--retention 1m]</pre>
 */
public final class SteadyLoadProbe {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private SteadyLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int jobs = Integer.parseInt(o.get("--jobs"));
        Duration window = Duration.ofSeconds(Long.parseLong(o.get("--seconds")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.get("--warmup")));
        int pauses = Integer.parseInt(o.get("--pauses"));
        Map<String, String> settings = new HashMap<>();
        if (o.containsKey("--retention")) {
            settings.put("runs.retention.age", o.get("--retention"));
            settings.put("runs.retention.interval", "10s");
        }
        PrintStream out = System.out;
        Clock clock = Clock.systemUTC();
        Path home = Files.createTempDirectory("firelane-steady-");
        FleetSpec spec = new FleetSpec(home, FleetSpec.DEFAULT_JDBC_SERVER, "bench_steady",
                Integer.parseInt(o.get("--partitions")), Integer.parseInt(o.get("--workers")),
                Integer.parseInt(o.get("--slots")), settings);
        System.err.printf("steady load: %,d jobs every 1s, %d s measured after %d s of warm-up; logs in %s%n",
                jobs, window.toSeconds(), warmup.toSeconds(), home.resolve("logs"));
        try (Fleet fleet = Fleet.start(spec); Connection db = fleet.connect()) {
            int phases = Integer.parseInt(o.get("--phases"));
            Instant first = clock.instant();
            for (int g = 0; g < phases; g++) {
                // a job's fires are anchored at its creation: the groups must go out on time, without waiting to apply
                FirelaneAtOnce.awaitInstant(clock, first.plusMillis(g * 1_000L / phases));
                int from = (int) ((long) g * jobs / phases);
                int to = (int) ((long) (g + 1) * jobs / phases);
                BulkCreate.send(fleet.api(), from, to, i -> "{\"id\":\"steady-" + i
                        + "\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\"}");
            }
            while (FirelaneAtOnce.count(db, "SELECT COUNT(*) FROM jobs WHERE id LIKE 'steady-%' AND status = 'active'") < jobs) {
                FirelaneAtOnce.awaitInstant(clock, clock.instant().plusMillis(200));
            }
            System.err.printf("created %,d jobs in %d phases in %.1f s%n", jobs, phases,
                    Duration.between(first, clock.instant()).toMillis() / 1000.0);
            Instant from = clock.instant().plus(warmup);
            FirelaneAtOnce.awaitInstant(clock, from);
            LagSampler lag = LagSampler.every(Duration.ofSeconds(1), fleet.api(), db, clock);
            Instant to = from.plus(window);
            FirelaneAtOnce.awaitInstant(clock, to);
            lag.stop();
            // the fires due at the end of the window are applied a moment later: the load goes on meanwhile
            FirelaneAtOnce.awaitInstant(clock, clock.instant().plus(SETTLE));
            SteadyFigures figures = SteadyFigures.read(db, from, to, jobs);
            PauseProbe.Result paused = pauses > 0 ? new PauseProbe(fleet.api(), db, jobs, pauses, clock).run() : null;
            long rows = FirelaneAtOnce.count(db, "SELECT COUNT(*) FROM job_runs");
            double emitted = fleet.api().metric("firelane_fires_emitted_total").orElse(0);
            out.printf("%n%,d jobs every 1s (in %s phases a second) for %d s on a coordinator and %d workers × %d slots, MariaDB%n",
                    jobs, o.get("--phases"), window.toSeconds(), spec.workers(), spec.workerConcurrency());
            figures.print(out);
            lag.print(out);
            if (paused != null) {
                paused.print(out);
            }
            out.printf("fires emitted since the start: %,.0f; job_runs rows at the end: %,d (retention %s)%n", emitted, rows,
                    o.getOrDefault("--retention", "default 7d"));
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>(Map.of("--jobs", "1000", "--seconds", "60", "--pauses", "50",
                "--warmup", "15", "--phases", "10", "--workers", Integer.toString(FleetSpec.DEFAULT_WORKERS),
                "--slots", Integer.toString(FleetSpec.DEFAULT_WORKER_CONCURRENCY),
                "--partitions", Integer.toString(FleetSpec.DEFAULT_PARTITIONS)));
        List<String> known = List.of("--jobs", "--seconds", "--pauses", "--warmup", "--phases", "--workers", "--slots",
                "--partitions", "--retention");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + known);
            }
            o.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        return o;
    }
}
