package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.deploy.FirelaneCli;
import dev.firelane.deploy.testing.ChildJvm;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firelane worker --config FILE} in a child JVM, stopped with SIGTERM in the middle of a run: it
 * takes no new fire, lets the run finish, publishes its outcome, commits, and exits.
 */
class WorkerSigtermTest {
    private static final String PREFIX = "sigterm.";
    private static final String GROUP = PREFIX + "workers";
    private static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(PREFIX, 1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void sigterm_drains_the_run_in_flight_publishes_its_outcome_commits_and_exits() throws Exception {
        int metricsPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("worker.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "topic.prefix=" + PREFIX,
                "worker.id=child-worker",
                "worker.group=" + GROUP,
                "worker.concurrency=1", // the second fire waits for a slot
                "worker.drain.timeout=30s",
                "worker.metrics.port=" + metricsPort, ""));
        Fire slow = fire(0, 4_000);
        Fire behind = fire(1, 0);
        kafka.send(Topics.FIRES, PREFIX, slow.jobId(), slow);
        kafka.send(Topics.FIRES, PREFIX, behind.jobId(), behind);

        try (ChildJvm child = ChildJvm.start(dir.resolve("worker.log"), FirelaneCli.class, "worker", "--config",
                config.toString())) {
            await("the slow run started").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(child.isAlive()).as("child alive:%n%s", child.logTail()).isTrue();
                assertThat(events()).anyMatch(e -> e instanceof RunEvent.Started && e.fireId().equals(slow.fireId()));
            });
            String metrics = get("http://127.0.0.1:" + metricsPort + "/metrics");
            assertThat(metrics).contains("firelane_worker_runs_started_total", "worker=\"child-worker\"");
            assertThat(get("http://127.0.0.1:" + metricsPort + "/health")).contains("\"status\":\"up\"");

            child.terminate();
            int exit = child.awaitExit(Duration.ofSeconds(45));
            assertThat(exit).as("exited through its shutdown hook, not killed:%n%s", child.logTail()).isIn(0, 143);
            assertThat(child.logTail()).contains("draining 1 runs in flight");
        }

        List<RunEvent> events = events();
        RunEvent.Completed completed = events.stream().filter(RunEvent.Completed.class::isInstance)
                .map(RunEvent.Completed.class::cast).filter(c -> c.fireId().equals(slow.fireId())).findFirst().orElseThrow();
        assertThat(completed.outcome()).isEqualTo(RunOutcome.OK);
        assertThat(completed.workerId()).isEqualTo("child-worker");
        assertThat(Duration.between(completed.startedAt(), completed.finishedAt())).as("not cut short")
                .isGreaterThanOrEqualTo(Duration.ofMillis(4_000));
        assertThat(events).as("the fire behind it was not taken: it stays for the next worker")
                .noneMatch(e -> e.fireId().equals(behind.fireId()));
        assertThat(kafka.uncommitted(GROUP, Topics.FIRES.name(PREFIX))).as("committed up to the fire not taken")
                .singleElement().satisfies(r -> assertThat(r.offset()).isEqualTo(1));
    }

    private static Fire fire(int tick, int sleepMs) {
        Instant at = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(tick);
        return new Fire(FireIds.of("drain", at, 1), "drain", at, at, 1, "sleep",
                JsonNodeFactory.instance.objectNode().put("ms", sleepMs), null, 1);
    }

    private static List<RunEvent> events() {
        return kafka.readValues(Topics.RUNS, PREFIX);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
