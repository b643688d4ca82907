package dev.firelane.bench.side;

import dev.firelane.bench.fleet.FleetSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Firelane side by side with db-scheduler, JobRunr OSS and Quartz on the same MariaDB, one after the other in
 * one run: {@code jobs} no-op one-time jobs all due at one instant. Prints executions/s, start lateness p50 and
 * p99, CPU per execution (the scheduler's JVMs plus the database server), memory, and Firelane's ratio to
 * each. Progress goes to stderr, the table to stdout.
 *
 * <pre>java -cp bench/target/bench.jar dev.firelane.bench.side.SideBySideBench [--jobs 100000] [--workers 2]
 *     [--slots 16] [--partitions 6] [--threads 20] [--lead SECONDS] [--warmup N] [--only firelane,db-scheduler,jobrunr,quartz]</pre>
 * Each scheduler first runs a warm-up round of {@code --warmup} jobs (default a tenth of {@code --jobs}) in the
 * same processes, unmeasured: a scheduler that has been up a while has its code compiled, and without it the JIT
 * compiler took a third of Firelane's coordinator CPU in the measured seconds.
 * The anchors are bench-only dependencies; each runs in its own JVM ({@code anchors.AnchorMain}) with
 * {@code --threads} execution threads, in a database of its own ({@code bench_<name>}).
 */
public final class SideBySideBench {
    static final List<String> ALL = List.of("firelane", "db-scheduler", "jobrunr", "quartz");

    private SideBySideBench() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Options o = Options.parse(args);
        PrintStream out = System.out;
        Path home = Files.createTempDirectory("firelane-side-by-side-");
        System.err.printf("side by side: %,d no-op jobs due at once, %s; logs in %s%n", o.jobs, o.only, home.resolve("logs"));
        List<Row> rows = new ArrayList<>();
        for (String name : o.only) {
            System.err.printf("--- %s%n", name);
            if (name.equals("firelane")) {
                FleetSpec spec = new FleetSpec(home, FleetSpec.DEFAULT_JDBC_SERVER, "bench_firelane", o.partitions,
                        o.workers, o.slots, Map.of());
                FirelaneAtOnce firelane = new FirelaneAtOnce(spec, o.jobs, o.warmup(), o.lead(), System.err,
                        java.time.Clock.systemUTC());
                rows.add(firelane.run());
                out.printf("Firelane: %,d jobs created in %.1f s through POST /api/jobs/bulk: %,.0f jobs/s%n",
                        o.jobs, firelane.creation().seconds(), firelane.creation().perSecond());
            } else {
                rows.add(AnchorChild.run(name, o.jobs, o.threads, o.warmup(), home.resolve("logs")));
            }
        }
        print(out, o, rows);
    }

    static void print(PrintStream out, Options o, List<Row> rows) throws SQLException {
        out.printf("%n%,d no-op jobs due at one instant, after a warm-up round of %,d; %s; %d cores%n", o.jobs, o.warmup(), database(),
                Runtime.getRuntime().availableProcessors());
        out.println("| scheduler | executions/s | seconds | start lateness p50 / p99 | CPU per execution (JVMs + DB) | memory | Firelane ÷ it |");
        out.println("|---|---:|---:|---:|---:|---|---:|");
        Row firelane = rows.stream().filter(r -> r.scheduler().equals("Firelane")).findFirst().orElse(null);
        for (Row r : rows) {
            String ratio = firelane == null || r == firelane ? "" : String.format("%.2f×", firelane.perSecond() / r.perSecond());
            out.printf("| %s | %,.0f | %.1f | %,.0f ms / %,.0f ms | %.2f ms (%.0f + %.0f s) | %s | %s |%n", r.scheduler(),
                    r.perSecond(), r.seconds(), r.lateness().p50(), r.lateness().p99(), r.cpuMillisPerExecution(),
                    r.jvmCpuSeconds(), r.dbCpuSeconds(), r.memory(), ratio);
        }
        out.println();
        for (Row r : rows) {
            out.printf("%s: %s; %,d of %,d executed%s%n", r.scheduler(), r.settings(), r.executed(), r.jobs(),
                    r.warning() == null ? "" : "; WARNING: " + r.warning());
        }
    }

    private static String database() throws SQLException {
        try (Connection c = DriverManager.getConnection(FleetSpec.DEFAULT_JDBC_SERVER, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit")) {
            rs.next();
            return String.format("MariaDB %s (buffer pool %s, flush_log_at_trx_commit=%d)", rs.getString(1),
                    FirelaneAtOnce.mib(rs.getLong(2)), rs.getInt(3));
        }
    }

    /** Command-line options. */
    static final class Options {
        int jobs = 100_000;
        int workers = FleetSpec.DEFAULT_WORKERS;
        int slots = FleetSpec.DEFAULT_WORKER_CONCURRENCY;
        int partitions = FleetSpec.DEFAULT_PARTITIONS;
        int threads = 20;
        long leadSeconds = -1;
        int warmup = -1;
        List<String> only = ALL;

        int warmup() {
            return warmup >= 0 ? warmup : jobs / 10;
        }

        /** Long enough for the bulk creates (measured at several thousand jobs/s) to end before the due instant. */
        Duration lead() {
            return Duration.ofSeconds(leadSeconds >= 0 ? leadSeconds : 15 + jobs / 1_000);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--jobs" -> o.jobs = Integer.parseInt(value);
                    case "--workers" -> o.workers = Integer.parseInt(value);
                    case "--slots" -> o.slots = Integer.parseInt(value);
                    case "--partitions" -> o.partitions = Integer.parseInt(value);
                    case "--threads" -> o.threads = Integer.parseInt(value);
                    case "--lead" -> o.leadSeconds = Long.parseLong(value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--only" -> o.only = Arrays.stream(value.split(",")).map(String::trim).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --jobs --workers --slots --partitions --threads --lead --warmup --only " + String.join(",", ALL));
                }
                i++;
            }
            if (!ALL.containsAll(o.only)) {
                throw new IllegalArgumentException("--only takes some of " + ALL + ", got " + o.only);
            }
            return o;
        }
    }
}
