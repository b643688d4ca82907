package dev.firelane.worker.internal;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.handlers.NoopHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every fire settles, so that its partition's commit position moves on: a fault of the worker's outside the
 * handler still ends the run with an outcome, and a record the broker keeps refusing is given up on (the
 * coordinator then marks the fire abandoned) rather than holding the offset back for good. Run events are caught by
 * a mock producer; the real broker is WorkerTest's.
 */
class FireSettlementTest {
    private static final String PREFIX = "t.";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:05Z");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Counters counters = new Counters();
    private final PartitionProgress progress = new PartitionProgress(new TopicPartition(Topics.FIRES.name(PREFIX), 0));
    private Runs runs;

    @AfterEach
    void stop() {
        if (runs != null) {
            runs.abandonAll();
        }
    }

    @Test
    void a_fault_outside_the_handler_still_settles_the_fire_with_an_error() {
        runs = runs(new FailingOnceOnRunThreads(Clock.fixed(NOW, ZoneOffset.UTC)));
        Fire fire = aFire().job("j").handler("noop").build();

        new FireRun(fire, progress, 42, runs).run();

        assertThat(events()).singleElement().isInstanceOfSatisfying(RunEvent.Completed.class, c -> {
            assertThat(c.fireId()).isEqualTo(fire.fireId());
            assertThat(c.outcome()).isEqualTo(RunOutcome.ERROR);
            assertThat(c.error()).startsWith("worker fault outside the handler: IllegalStateException: clock broke");
        });
        assertThat(signals).as("its offset is done once the broker has the outcome").contains(new Signal.Acked(progress, 42));
        assertThat(counters.loopErrors()).isOne();
        assertThat(counters.inFlight()).isZero();
    }

    @Test
    void a_record_refused_on_every_attempt_is_given_up_and_its_offset_settled() {
        runs = runs(Clock.fixed(NOW, ZoneOffset.UTC));
        Publisher publisher = new Publisher(producer, PREFIX, signals, counters);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.RUNS.name(PREFIX), new byte[0], new byte[0]);

        publisher.retry(new Signal.PublishFailed(progress, 7, record, Publisher.MAX_ATTEMPTS,
                new RuntimeException("broker says no")));

        assertThat(signals).singleElement().isInstanceOfSatisfying(Signal.Settled.class, settled -> {
            assertThat(settled.progress()).isSameAs(progress);
            assertThat(settled.offset()).isEqualTo(7);
            assertThat(settled.why()).contains("given up after " + Publisher.MAX_ATTEMPTS + " attempts");
        });
        assertThat(producer.history()).as("not sent again").isEmpty();
        assertThat(counters.publishGivenUp()).isOne();
        progress.received(7);
        progress.received(8);
        progress.done(8);
        progress.done(((Signal.Settled) signals.peek()).offset());
        assertThat(progress.commitPoint()).as("the commit position moves past it").hasValue(9);
    }

    private Runs runs(Clock clock) {
        WorkerConfig config = WorkerConfig.builder("localhost:9").workerId("w1").startedDelay(Duration.ZERO).build();
        LoopSettings settings = new LoopSettings(config, HandlerRegistry.of(new NoopHandler()), clock, counters,
                new JobStateBook());
        return new Runs(settings, new Publisher(producer, PREFIX, signals, counters), signals);
    }

    private List<RunEvent> events() {
        return producer.history().stream()
                .map(r -> Topics.RUNS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    /** A clock whose first reading on this thread fails: a fault in the worker's own code around the handler. */
    private static final class FailingOnceOnRunThreads extends Clock {
        private final Clock delegate;
        private final AtomicBoolean failed = new AtomicBoolean();

        FailingOnceOnRunThreads(Clock delegate) {
            this.delegate = delegate;
        }

        @Override
        public Instant instant() {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("clock broke");
            }
            return delegate.instant();
        }

        @Override
        public ZoneId getZone() {
            return delegate.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
