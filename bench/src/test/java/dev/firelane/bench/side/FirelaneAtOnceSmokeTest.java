package dev.firelane.bench.side;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.bench.fleet.Fleet;
import dev.firelane.bench.fleet.FleetSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps Firelane's side of the side-by-side run working: the production shape (a broker, a coordinator and a
 * worker, each its own JVM, on the local MariaDB) runs 300 at jobs due at once, each exactly once, and the
 * table prints.
 */
class FirelaneAtOnceSmokeTest {
    private static final String DATABASE = "bench_smoke_firelane";
    private static final int JOBS = 300;

    @TempDir
    Path home;

    @AfterEach
    void dropDatabase() {
        Fleet.dropDatabase(FleetSpec.DEFAULT_JDBC_SERVER, DATABASE);
    }

    @Test
    void three_hundred_jobs_due_at_once_after_a_warm_up_round_each_run_once_and_are_applied_in_mariadb() throws Exception {
        FleetSpec spec = new FleetSpec(home, FleetSpec.DEFAULT_JDBC_SERVER, DATABASE, 2, 1, 8, Map.of());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        FirelaneAtOnce run = new FirelaneAtOnce(spec, JOBS, 40, Duration.ofSeconds(8),
                new PrintStream(progress, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC());

        Row row = run.run();

        assertThat(row.executed()).as("the warm-up round's runs are not counted").isEqualTo(JOBS);
        assertThat(row.warning()).as("one run per job, created before their due time").isNull();
        assertThat(row.lateness().count()).isEqualTo(JOBS);
        assertThat(row.lateness().p50()).isPositive().isLessThanOrEqualTo(row.lateness().p99());
        assertThat(row.seconds()).isPositive();
        assertThat(row.jvmCpuSeconds()).isPositive();
        assertThat(run.creation().jobs()).isEqualTo(JOBS);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("warm-up round of 40 jobs", "created 300 jobs",
                "the status stream applied");

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        SideBySideBench.print(new PrintStream(table, true, StandardCharsets.UTF_8),
                SideBySideBench.Options.parse(new String[] {"--jobs", "300", "--only", "firelane"}), List.of(row));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("| Firelane | ", "executions/s", "300 of 300 executed");
    }
}
