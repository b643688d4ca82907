package dev.firelane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.fire.FireTopologyConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark runnable as the topology changes: a thousand jobs, the same steps and checks. */
class FireTopologyBenchSmokeTest {
    @TempDir
    Path stateDir;

    @Test
    void a_small_run_fires_exactly_the_due_jobs_and_prints_every_figure() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        JobMix mix = new JobMix(1_000, 10, FireTopologyBench.START);

        FireTopologyBench.Result result = new FireTopologyBench(mix, FireTopologyConfig.DEFAULT_STORE_TYPE, stateDir,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.fired()).isEqualTo(10);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("load: 1,000 jobs", "heap used after GC",
                "state dir on disk", "found and fired 10 due jobs", "punctuation with nothing due");
    }
}
