package dev.firelane.bench.side;

import dev.firelane.bench.fleet.Fleet;
import dev.firelane.bench.fleet.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creating many jobs at once: {@code rounds} × {@code jobs} jobs ({@code every 1h}, handler {@code noop})
 * through {@code POST /api/jobs/bulk} on Firelane in the production shape, each request waiting until the
 * status stream has applied every create. Prints jobs/s per round (the first includes the JVMs' warm-up).
 *
 * <pre>java -cp bench/target/bench.jar dev.firelane.bench.side.BulkCreateProbe [jobs [rounds]]</pre>
 */
public final class BulkCreateProbe {
    private BulkCreateProbe() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : BulkCreate.CHUNK;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path home = Files.createTempDirectory("firelane-bulk-");
        FleetSpec spec = new FleetSpec(home, FleetSpec.DEFAULT_JDBC_SERVER, "bench_bulk", FleetSpec.DEFAULT_PARTITIONS,
                0, FleetSpec.DEFAULT_WORKER_CONCURRENCY, Map.of());
        try (Fleet fleet = Fleet.start(spec)) {
            for (int round = 1; round <= rounds; round++) {
                String prefix = "r" + round + "-";
                BulkCreate.Timing t = BulkCreate.create(fleet.api(), jobs, i -> "{\"id\":\"" + prefix + i
                        + "\",\"scheduleKind\":\"every\",\"schedule\":\"1h\",\"handler\":\"noop\"}");
                System.out.printf("round %d: %,d jobs created in %.2f s: %,.0f jobs/s (%.2f s of it from publishing to applied)%n",
                        round, jobs, t.seconds(), t.perSecond(), t.appliedSeconds());
                System.out.printf("  status stream so far: %.0f transactions, %.2f s in them, %.0f events%n",
                        fleet.api().metric("firelane_status_apply_latency_seconds_count").orElse(0),
                        fleet.api().metric("firelane_status_apply_latency_seconds_sum").orElse(0),
                        fleet.api().metric("firelane_status_batch_events_sum").orElse(0));
            }
        }
    }
}
