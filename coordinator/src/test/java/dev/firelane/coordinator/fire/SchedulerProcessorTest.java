package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.VersionedJsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's wake-up: a fine wall-clock punctuation, and a commit requested right after one that
 * emitted fires (workers read committed), none after an idle one. The {@link MockProcessorContext} records
 * commit requests, which the {@code TopologyTestDriver} does not show.
 */
class SchedulerProcessorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private SchedulerProcessor processor;

    @BeforeEach
    void init() {
        addStore(FireTopology.SCHEDULES_STORE, VersionedJsonSerde.of(ScheduleEntry.class));
        addStore(FireTopology.DUE_INDEX_STORE, Serdes.String());
        addStore(FireTopology.IN_FLIGHT_STORE, VersionedJsonSerde.of(InFlight.class));
        addStore(FireTopology.IN_FLIGHT_INDEX_STORE, Serdes.String());
        ScanFloors floors = new ScanFloors(FireTopology.SCAN_FLOORS_STORE);
        floors.init(context.getStateStoreContext(), floors);
        context.addStateStore(floors);
        processor = new SchedulerProcessor(FireTopologyConfig.builder().clock(clock).build(),
                CommitPacer.systemTime(FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL), new InputLag());
        processor.init(context);
    }

    private <V> void addStore(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private void punctuateAt(Instant now) {
        clock.set(now);
        current().getPunctuator().punctuate(now.toEpochMilli());
    }

    private MockProcessorContext.CapturedPunctuator current() {
        List<MockProcessorContext.CapturedPunctuator> live = context.scheduledPunctuators().stream()
                .filter(p -> !p.cancelled()).toList();
        assertThat(live).as("one punctuation scheduled at a time").hasSize(1);
        return live.get(0);
    }

    @Test
    void punctuates_on_the_wall_clock_every_ten_milliseconds_by_default() {
        assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
            assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(p.getInterval()).isEqualTo(Duration.ofMillis(10));
        });
    }

    @Test
    void punctuates_every_hundred_milliseconds_while_behind_its_input_and_every_ten_again_once_up_with_it() {
        JobState job = aJob("j1").every("1h").createdAt(T0).build();
        clock.set(T0.plusSeconds(30));
        processor.process(new Record<>("j1", job, T0.toEpochMilli()));
        punctuateAt(T0.plusSeconds(30).plusMillis(10));
        assertThat(current().getInterval()).as("a record read 30 s after it was written: behind")
                .isEqualTo(Duration.ofMillis(100));
        assertThat(current().getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

        clock.set(T0.plusSeconds(31));
        processor.process(new Record<>("j1", job, T0.plusSeconds(31).minusMillis(20).toEpochMilli()));
        punctuateAt(T0.plusSeconds(31).plusMillis(100));
        assertThat(current().getInterval()).as("a record 20 ms old: up with its input").isEqualTo(Duration.ofMillis(10));
        assertThat(context.scheduledPunctuators()).as("each change cancels the schedule it replaces").hasSize(3);
    }

    @Test
    void a_punctuation_that_fired_asks_for_a_commit_and_an_idle_one_does_not() {
        JobState job = aJob("j1").every("5s").createdAt(T0).build();
        processor.process(new Record<>("j1", job, T0.toEpochMilli()));
        context.resetCommit();

        punctuateAt(T0.plusMillis(4_990));
        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).as("nothing due: no commit asked").isFalse();

        punctuateAt(T0.plusSeconds(5));
        assertThat(context.forwarded(FireTopology.FIRES_SINK)).singleElement()
                .satisfies(f -> assertThat(((Fire) f.record().value()).scheduledAt()).isEqualTo(T0.plusSeconds(5)));
        assertThat(context.committed()).as("fires emitted: committed at once, not at commit.interval.ms").isTrue();
        assertThat(current().getInterval()).as("not behind: nothing read late").isEqualTo(Duration.ofMillis(10));

        context.resetCommit();
        context.resetForwards();
        punctuateAt(T0.plusMillis(5_010));
        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).isFalse();
    }

    @Test
    void a_fire_emitted_while_processing_a_record_is_committed_by_the_next_punctuation() {
        JobState job = aJob("j1").every("1h").createdAt(T0).build();
        processor.process(new Record<>("j1", job, T0.toEpochMilli()));
        punctuateAt(T0.plusSeconds(1));
        context.resetCommit();

        clock.set(T0.plusSeconds(2));
        processor.process(new Record<>("j1", job.withTrigger(new JobState.Trigger("cmd-1", T0.plusSeconds(2))),
                T0.plusSeconds(2).toEpochMilli()));
        assertThat(context.forwarded(FireTopology.FIRES_SINK)).as("the trigger fires while the record is processed")
                .singleElement();
        assertThat(context.committed()).isFalse();

        punctuateAt(T0.plusMillis(2_010));
        assertThat(context.committed()).as("the trigger's fire waits for a commit like a schedule's").isTrue();

        context.resetCommit();
        punctuateAt(T0.plusMillis(2_020));
        assertThat(context.committed()).as("counted once").isFalse();
    }
}
