package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Topics;
import dev.firelane.protocol.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The coordinator's fire topology (Processor API):
 * <pre>
 *   job-state ──► scheduler ──┐                 schedules: jobId → {@link ScheduleEntry}
 *                             ├──► fires        due-index: "&lt;epoch millis&gt;|jobId" → jobId
 *   control ───► trigger ─────┘
 * </pre>
 * Both processors share the two stores, so the co-partitioned topics are read by one task per
 * partition. Stores are persistent and changelogged; with exactly-once, a fire, the store update that
 * records it and the input offsets commit together, which is what makes restarts fire nothing twice.
 */
public final class FireTopology {
    public static final String JOB_STATE_SOURCE = "job-state-source";
    public static final String CONTROL_SOURCE = "control-source";
    public static final String SCHEDULER = "scheduler";
    public static final String TRIGGER = "trigger";
    public static final String FIRES_SINK = "fires-sink";
    public static final String SCHEDULES_STORE = "schedules";
    public static final String DUE_INDEX_STORE = "due-index";

    private FireTopology() {
    }

    public static Topology build(FireTopologyConfig config) {
        Topology topology = new Topology();
        // job-state is compacted: a new application must read all of it to know every job
        topology.addSource(AutoOffsetReset.earliest(), JOB_STATE_SOURCE, Serdes.String().deserializer(),
                Topics.JOB_STATE.valueSerde().deserializer(), config.topic(Topics.JOB_STATE));
        // control is long-lived history: replaying old triggers from the start would fire them again
        topology.addSource(AutoOffsetReset.latest(), CONTROL_SOURCE, Serdes.String().deserializer(),
                Topics.CONTROL.valueSerde().deserializer(), config.topic(Topics.CONTROL));
        topology.addProcessor(SCHEDULER, () -> new SchedulerProcessor(config), JOB_STATE_SOURCE);
        topology.addProcessor(TRIGGER, () -> new TriggerProcessor(config), CONTROL_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCHEDULES_STORE),
                Serdes.String(), VersionedJsonSerde.of(ScheduleEntry.class)), SCHEDULER, TRIGGER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_INDEX_STORE),
                Serdes.String(), Serdes.String()), SCHEDULER, TRIGGER);
        topology.addSink(FIRES_SINK, config.topic(Topics.FIRES), Serdes.String().serializer(),
                Topics.FIRES.valueSerde().serializer(), SCHEDULER, TRIGGER);
        return topology;
    }

    static ScheduleBook book(ProcessingContext context, FireTopologyConfig config) {
        KeyValueStore<String, ScheduleEntry> entries = context.getStateStore(SCHEDULES_STORE);
        KeyValueStore<String, String> index = context.getStateStore(DUE_INDEX_STORE);
        return new ScheduleBook(entries, new DueIndex(index), config.calculator());
    }
}
