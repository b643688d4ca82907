package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import dev.firelane.protocol.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The coordinator's fire topology (Processor API):
 * <pre>
 *   job-state ──► scheduler ──┐        schedules:       jobId → {@link ScheduleEntry}
 *   control ───► trigger ─────┼──► fires   due-index:  "&lt;epoch millis&gt;|jobId" → jobId
 *   runs ──────► run-events ──┘        in-flight:       "jobId@scheduledAtMillis" → {@link InFlight}
 *                                      in-flight-index: "&lt;epoch millis&gt;|jobId@scheduledAtMillis" → key
 * </pre>
 * All processors share the four stores, so the co-partitioned topics are read by one task per partition.
 * Stores are persistent and changelogged; with exactly-once, a fire, the store updates that record it and
 * the input offsets commit together, which is what makes restarts fire nothing twice.
 *
 * <h2>Policies</h2>
 * <b>In flight.</b> A fire is in flight from its emission until a {@code Completed} of that attempt ends it
 * without a retry; an attempt waiting to be retried is in flight too. A fire whose completion never comes
 * stops counting after its deadline plus {@code inFlightGrace} (default 30 s), or, without a deadline,
 * {@code inFlightTtl} (default 1 h) after it was emitted or (later) reported {@code Started}; it is then
 * dropped, not retried. Run events about an attempt that is not the running one are ignored. Fires of a job
 * with overlap {@code allow} and a single attempt are not tracked at all, since neither overlap nor retries
 * would consult them (so after an update of such a job to {@code skip} or {@code queue}, runs already in
 * flight do not count).
 *
 * <p><b>Overlap</b> (per job; every fire but a retry goes through it: scheduled, catch-up, triggered):
 * {@code skip} (default): a time due while a run is in flight is skipped, never fired later, and the
 * schedule moves on. {@code allow}: fire regardless. {@code queue}: the fire waits and is emitted, keeping
 * its schedule time, as soon as nothing of the job is in flight; at most one waits, further times due
 * meanwhile are skipped. A pause or delete drops the waiting fire.
 *
 * <p><b>Retries.</b> When an attempt completes {@code error}, {@code timeout} or {@code abandoned} and its
 * number is below the job's {@code maxAttempts}, attempt n+1 of the same schedule time (fire id
 * {@code jobId@scheduledAtMillis#n+1}) fires after {@link RetryBackoff#delayAfter(int) backoff(n)}, counted
 * from the completion. Retries are not subject to overlap. A pending retry is stored and indexed, so it
 * survives restarts; a pause, failure or delete of the job drops it. {@code ok} and {@code cancelled}
 * never retry.
 *
 * <p><b>Timeout.</b> A job with a {@code timeout} fires with {@code deadline = firedAt + timeout}.
 *
 * <p><b>Misfire</b> (per job). A schedule time is missed when the coordinator first sees it due more than
 * {@code misfireThreshold} (default 5 s) after it (the coordinator was down, failing over or overloaded),
 * or when it fell while the job was paused or failed (seen at the resume). Then every schedule time from
 * the first missed one up to now is decided at once: {@code skip} fires none; {@code once} (default) fires
 * one now, for the most recent missed time; {@code all} fires each, oldest first, at most the most recent
 * {@code misfireLimit} of them. The schedule continues at its first time after now. Catch-up fires go
 * through the overlap policy like any other. A time seen due within the threshold is simply fired late
 * (all such times, in order). A job paused since its creation counts its times from its creation as
 * missed. An {@code at} job whose instant is more than the threshold in the past when the coordinator
 * first sees it is a missed time too: it fires once, unless its policy is skip.
 *
 * <p><b>Trigger</b> fires an active job now under its overlap policy, with the request time as schedule
 * time; the schedule is not moved. A trigger whose request time (to the millisecond) equals a fire of the
 * job still in flight is ignored, as that fire id is taken. <b>Update</b> (a new generation) takes effect
 * from the next schedule computation; runs in flight, pending retries and a queued fire are kept.
 */
public final class FireTopology {
    public static final String JOB_STATE_SOURCE = "job-state-source";
    public static final String CONTROL_SOURCE = "control-source";
    public static final String RUNS_SOURCE = "runs-source";
    public static final String SCHEDULER = "scheduler";
    public static final String TRIGGER = "trigger";
    public static final String RUN_EVENTS = "run-events";
    public static final String FIRES_SINK = "fires-sink";
    public static final String SCHEDULES_STORE = "schedules";
    public static final String DUE_INDEX_STORE = "due-index";
    public static final String IN_FLIGHT_STORE = "in-flight";
    public static final String IN_FLIGHT_INDEX_STORE = "in-flight-index";

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
        // runs: old events only name fires this application does not track, so reading them is harmless,
        // while starting at the end could lose a completion sent before the first commit
        topology.addSource(AutoOffsetReset.earliest(), RUNS_SOURCE, Serdes.String().deserializer(),
                Topics.RUNS.valueSerde().deserializer(), config.topic(Topics.RUNS));
        topology.addProcessor(SCHEDULER, () -> new SchedulerProcessor(config), JOB_STATE_SOURCE);
        topology.addProcessor(TRIGGER, () -> new TriggerProcessor(config), CONTROL_SOURCE);
        topology.addProcessor(RUN_EVENTS, () -> new RunEventProcessor(config), RUNS_SOURCE);
        String[] processors = {SCHEDULER, TRIGGER, RUN_EVENTS};
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, SCHEDULES_STORE),
                Serdes.String(), VersionedJsonSerde.of(ScheduleEntry.class)), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, DUE_INDEX_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, IN_FLIGHT_STORE),
                Serdes.String(), VersionedJsonSerde.of(InFlight.class)), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, IN_FLIGHT_INDEX_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addSink(FIRES_SINK, config.topic(Topics.FIRES), Serdes.String().serializer(),
                Topics.FIRES.valueSerde().serializer(), processors);
        return topology;
    }

    private static KeyValueBytesStoreSupplier store(FireTopologyConfig config, String name) {
        return config.storeType() == Materialized.StoreType.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }

    /** The engine of a processor: the task's stores, emitting to the {@code fires} sink. */
    static FireEngine engine(ProcessorContext<String, Fire> context, FireTopologyConfig config) {
        KeyValueStore<String, ScheduleEntry> entries = context.getStateStore(SCHEDULES_STORE);
        KeyValueStore<String, String> dueIndex = context.getStateStore(DUE_INDEX_STORE);
        KeyValueStore<String, InFlight> inFlightStore = context.getStateStore(IN_FLIGHT_STORE);
        KeyValueStore<String, String> inFlightIndex = context.getStateStore(IN_FLIGHT_INDEX_STORE);
        ScheduleBook book = new ScheduleBook(entries, new DueIndex(dueIndex), config.calculator());
        InFlightBook inFlight = new InFlightBook(inFlightStore, new DueIndex(inFlightIndex));
        FireEmitter emitter = new FireEmitter(config, book, inFlight,
                fire -> context.forward(new Record<>(fire.jobId(), fire, fire.firedAt().toEpochMilli())));
        return new FireEngine(config, book, inFlight, emitter);
    }
}
