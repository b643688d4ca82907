package dev.firelane.worker;

import static org.awaitility.Awaitility.await;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Workers against a real in-process KRaft broker; each test has its own topics and consumer group. */
abstract class WorkerIntegrationTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    static KafkaTestCluster kafka;

    String prefix;
    String group;
    final List<Worker> workers = new ArrayList<>();
    final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void freshTopics() {
        prefix = getClass().getSimpleName().toLowerCase() + NEXT.incrementAndGet() + ".";
        group = prefix + "workers";
    }

    @AfterEach
    void closeWorkers() {
        workers.forEach(Worker::close);
    }

    Worker start(HandlerRegistry registry, UnaryOperator<WorkerConfig.Builder> tweak) {
        WorkerConfig config = tweak.apply(WorkerConfig.builder(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .groupId(group)
                .workerId(prefix + "worker-" + workers.size())).build();
        Worker worker = new Worker(config, registry, Clock.systemUTC(), meters);
        workers.add(worker);
        worker.start();
        return worker;
    }

    String firesTopic() {
        return Topics.FIRES.name(prefix);
    }

    void send(Fire... fires) {
        for (Fire fire : fires) {
            kafka.send(Topics.FIRES, prefix, fire.jobId(), fire);
        }
    }

    List<RunEvent> runEvents() {
        return kafka.readValues(Topics.RUNS, prefix);
    }

    List<RunEvent.Completed> completed() {
        return runEvents().stream().filter(RunEvent.Completed.class::isInstance).map(RunEvent.Completed.class::cast).toList();
    }

    RunEvent.Completed awaitCompleted(Fire fire) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> completed().stream().filter(c -> c.fireId().equals(fire.fireId())).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
