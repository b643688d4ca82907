package dev.firelane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.deploy.dev.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the scaling benchmark runnable: two tiny fleets, every fire completed, every figure printed. */
class WorkerScalingBenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void a_small_run_completes_every_fire_on_every_worker_and_prints_the_table() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<WorkerScalingBench.Row> rows;
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir).start()) {
            rows = new WorkerScalingBench(kafka.bootstrapServers(), 10, 2, 3,
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).withoutWarmUp().run(List.of(1, 2));
        }

        assertThat(rows).extracting(WorkerScalingBench.Row::fires).containsExactly(6, 12);
        assertThat(rows.get(1).workersSeen()).hasSize(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("worker scaling: sleep 10 ms", "fires/s", "vs one",
                "one worker's ideal");
    }
}
