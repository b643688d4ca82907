package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three workers share 2,000 fires of 40 jobs on six partitions. Delivery is at least once; the status
 * stream on MariaDB applies exactly one outcome per fire id, and every worker does some of the work.
 */
class WorkerFleetOnMariaDbTest {
    private static final String PREFIX = "fleet.";
    private static final int PARTITIONS = 6;
    private static final int JOBS = 40;
    private static final int FIRES_PER_JOB = 50;
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private DatabaseConfig database;
    private CoordinatorStack stack;
    private final List<Worker> workers = new ArrayList<>();

    @BeforeEach
    void start() {
        database = TestDatabases.mariaDb();
        stack = CoordinatorStack.start(PREFIX, PARTITIONS, database);
    }

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void three_workers_2000_fires_every_fire_has_exactly_one_applied_outcome_and_all_three_did_work() {
        for (int job = 0; job < JOBS; job++) {
            // far in the future: the coordinator never fires them; the test's fires are the only ones
            ApiClient.Reply created = stack.api().post("/api/jobs", "{\"id\":\"" + jobId(job)
                    + "\",\"scheduleKind\":\"at\",\"schedule\":\"2099-01-01T00:00:00Z\",\"handler\":\"sleep\"}");
            assertThat(created.status()).as("create %s: %s", jobId(job), created.body()).isEqualTo(201);
        }
        for (int i = 1; i <= 3; i++) {
            Worker worker = new Worker(WorkerConfig.builder(stack.kafka().bootstrapServers()).topicPrefix(PREFIX)
                    .workerId("fleet-worker-" + i).consumerProperty("heartbeat.interval.ms", 500).build(),
                    HandlerRegistry.load(), Clock.systemUTC());
            worker.start();
            workers.add(worker);
        }
        await("three members, each with partitions").atMost(Duration.ofSeconds(60))
                .until(() -> stack.kafka().groupAssignmentSizes(WorkerConfig.DEFAULT_GROUP_ID).size() == 3
                        && !stack.kafka().groupAssignmentSizes(WorkerConfig.DEFAULT_GROUP_ID).containsValue(0));

        Map<String, List<Fire>> fires = new LinkedHashMap<>();
        for (int job = 0; job < JOBS; job++) {
            for (int n = 0; n < FIRES_PER_JOB; n++) {
                Instant at = T0.plusSeconds(n);
                fires.computeIfAbsent(jobId(job), k -> new ArrayList<>()).add(new Fire(FireIds.of(jobId(job), at, 1),
                        jobId(job), at, at, 1, "sleep", JsonNodeFactory.instance.objectNode().put("ms", 5), null, 1));
            }
        }
        stack.kafka().sendAll(Topics.FIRES, PREFIX, fires);
        int total = JOBS * FIRES_PER_JOB;

        await("every run applied").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.count("SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL") == total);

        assertThat(stack.count("SELECT COUNT(*) FROM job_runs")).as("one row per fire id").isEqualTo(total);
        assertThat(stack.count("SELECT COUNT(*) FROM job_runs WHERE outcome <> 'ok'")).isZero();
        assertThat(stack.count("SELECT SUM(run_count) FROM jobs")).as("run_count moved once per fire").isEqualTo(total);
        assertThat(stack.rows("SELECT id, run_count FROM jobs").values()).hasSize(JOBS).containsOnly((long) FIRES_PER_JOB);
        Map<String, Long> byWorker = stack.rows("SELECT worker_id, COUNT(*) FROM job_runs GROUP BY worker_id");
        assertThat(byWorker.keySet()).as("all three did work: %s", byWorker)
                .containsExactlyInAnyOrder("fleet-worker-1", "fleet-worker-2", "fleet-worker-3");

        Map<String, Long> completions = stack.kafka().readValues(Topics.RUNS, PREFIX).stream()
                .filter(RunEvent.Completed.class::isInstance)
                .collect(Collectors.groupingBy(RunEvent::fireId, Collectors.counting()));
        assertThat(completions).as("every fire completed at least once").hasSize(total);
        long workerTotal = workers.stream().mapToLong(w -> w.counters().completed()).sum();
        assertThat(workerTotal).isGreaterThanOrEqualTo(total);
    }

    private static String jobId(int job) {
        return "fleet-" + job;
    }
}
