package dev.firelane.worker.internal;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether a fire starts, decided on its run thread just before Started: run here on the test thread, with
 * the run events caught by a mock producer (the real broker is WorkerSkipTest's).
 */
class FireRunSkipTest {
    private static final String PREFIX = "t.";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:05Z");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final Counters counters = new Counters();
    private final JobStateBook jobStates = new JobStateBook();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final PartitionProgress progress = new PartitionProgress(new TopicPartition(Topics.FIRES.name(PREFIX), 0));
    private Runs runs;

    @BeforeEach
    void wire() {
        JobHandler recording = new JobHandler() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public HandlerResult run(RunContext context) {
                ran.add(context.fireId());
                return HandlerResult.ok();
            }
        };
        counters.exportTo(new WorkerMetrics(meters, "w1", counters::inFlight));
        LoopSettings settings = new LoopSettings(WorkerConfig.builder("localhost:9").workerId("w1").startedDelay(java.time.Duration.ZERO).build(),
                HandlerRegistry.of(recording), Clock.fixed(NOW, ZoneOffset.UTC), counters, jobStates);
        runs = new Runs(settings, new Publisher(producer, PREFIX, signals, counters), signals);
    }

    @AfterEach
    void stop() {
        runs.abandonAll();
    }

    @Test
    void a_fire_of_a_job_paused_at_a_later_generation_is_settled_skipped_without_started_or_handler() {
        Fire fire = aFire().job("j").handler("recording").generation(6).build();
        jobStates.applied("j", JobStatus.PAUSED, 7);

        run(fire, 42);

        assertThat(events()).singleElement().isInstanceOfSatisfying(RunEvent.Completed.class, c -> {
            assertThat(c.fireId()).isEqualTo(fire.fireId());
            assertThat(c.outcome()).isEqualTo(RunOutcome.SKIPPED);
            assertThat(c.error()).isEqualTo("skipped: job paused (generation 7) before the run started");
            assertThat(c.startedAt()).isEqualTo(NOW);
            assertThat(c.finishedAt()).isEqualTo(NOW);
            assertThat(c.workerId()).isEqualTo("w1");
        });
        assertThat(ran).isEmpty();
        assertThat(signals).as("tracked: its offset is done once the broker has it")
                .contains(new Signal.Acked(progress, 42));
        assertThat(counters.started()).isZero();
        assertThat(counters.completed(RunOutcome.SKIPPED)).isOne();
        assertThat(meters.get(WorkerMetrics.RUNS_FINISHED).tags("worker", "w1", "outcome", "skipped").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get(WorkerMetrics.RUNS_STARTED).tags("worker", "w1").counter().count()).isZero();
    }

    @Test
    void a_fire_emitted_under_the_pause_generation_runs() {
        Fire fire = aFire().job("j").handler("recording").generation(7).build();
        jobStates.applied("j", JobStatus.PAUSED, 7);

        run(fire, 0);

        assertRan(fire);
    }

    @Test
    void a_fire_of_a_later_generation_than_the_known_pause_runs() {
        Fire fire = aFire().job("j").handler("recording").generation(8).build();
        jobStates.applied("j", JobStatus.PAUSED, 7);

        run(fire, 0);

        assertRan(fire);
    }

    @Test
    void a_fire_of_an_active_job_runs() {
        Fire fire = aFire().job("j").handler("recording").generation(1).build();
        jobStates.applied("j", JobStatus.ACTIVE, 8);

        run(fire, 0);

        assertRan(fire);
    }

    @Test
    void a_fire_of_a_job_unknown_here_runs() {
        Fire fire = aFire().job("j").handler("recording").generation(1).build();
        jobStates.applied("other", JobStatus.PAUSED, 8);

        run(fire, 0);

        assertRan(fire);
    }

    @Test
    void a_fire_of_a_job_paused_then_deleted_runs() {
        Fire fire = aFire().job("j").handler("recording").generation(1).build();
        jobStates.applied("j", JobStatus.PAUSED, 8);
        jobStates.forget("j");

        run(fire, 0);

        assertRan(fire);
    }

    @Test
    void a_paused_job_wins_over_a_passed_deadline_so_the_fire_counts_as_no_failure() {
        Fire fire = aFire().job("j").handler("recording").generation(1).deadline(NOW.minusSeconds(1)).build();
        jobStates.applied("j", JobStatus.PAUSED, 2);

        run(fire, 0);

        assertThat(completed().outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(ran).isEmpty();
    }

    private void run(Fire fire, long offset) {
        progress.received(offset);
        new FireRun(fire, progress, offset, runs).run();
    }

    private void assertRan(Fire fire) {
        assertThat(ran).containsExactly(fire.fireId());
        assertThat(events()).hasSize(2).first().isInstanceOf(RunEvent.Started.class);
        assertThat(completed().outcome()).isEqualTo(RunOutcome.OK);
        assertThat(counters.completed(RunOutcome.SKIPPED)).isZero();
    }

    private RunEvent.Completed completed() {
        return events().stream().filter(RunEvent.Completed.class::isInstance).map(RunEvent.Completed.class::cast)
                .findFirst().orElseThrow();
    }

    private List<RunEvent> events() {
        String topic = Topics.RUNS.name(PREFIX);
        return producer.history().stream().map(ProducerRecord::value)
                .map(bytes -> Topics.RUNS.valueSerde().deserializer().deserialize(topic, bytes)).toList();
    }
}
