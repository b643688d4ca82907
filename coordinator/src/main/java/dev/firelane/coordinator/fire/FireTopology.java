package dev.firelane.coordinator.fire;

import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import dev.firelane.protocol.VersionedJsonSerde;
import java.util.List;
import java.util.function.Consumer;
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
 *   job-state ──► scheduler ──┐──► fires          schedules:       jobId → {@link ScheduleEntry} (or a deleted job's marker)
 *                             │                   due-index:       "&lt;epoch millis&gt;|jobId" → jobId (next fire, or marker expiry)
 *   control ────► hold ───────┤                   in-flight:       "jobId[~incarnation]@scheduledAtMillis" → {@link InFlight}
 *   runs ──────► run-events ──┘──► runs           in-flight-index: "&lt;epoch millis&gt;|jobId@scheduledAtMillis" → key
 *                                 (abandoned)
 * </pre>
 * All processors share the four stores (and the task's in-memory {@link ScanFloors}), so the co-partitioned
 * topics are read by one task per partition.
 * {@code schedules}, {@code due-index} and {@code in-flight} are persistent and changelogged; with exactly-once, a
 * fire, the store updates that record it and the input offsets commit together, which is what makes restarts fire
 * nothing twice. {@code in-flight-index} is derived from {@code in-flight} alone: it is kept in memory, not logged,
 * and rebuilt from {@code in-flight} at the task's first use after every (re)start ({@link InFlightJobs}); the
 * in-flight store holds only the fires not finished, so the rebuild is small.
 *
 * <p><b>The coordinator writes {@code runs} too.</b> Besides workers, the fire topology publishes one kind
 * of run event: the {@code Completed} with outcome {@code abandoned} of a fire no worker reports any more.
 * It is produced in the same exactly-once transaction as the store update that ends (or retries) the
 * fire, so it is published once, or not at all and decided again after a crash. The topology reads it back
 * from {@code runs} and ignores it (that attempt is no longer running). The status stream applies the
 * first completion of a fire id and only that one, so a worker's late real completion of an abandoned fire
 * changes neither {@code run_count} nor telemetry.
 *
 * <p><b>Wake-ups.</b> The scheduler looks for due work on a fine wall-clock punctuation
 * ({@code punctuationInterval}, 10 ms by default; with nothing due it costs one short seek in each time
 * index: scans start at the task's {@link ScanFloors}, not over the tombstones of what was handled), and
 * {@link FireStream} sets the stream thread's {@code poll.ms} to the same value, since an idle thread only
 * looks at its punctuators between polls. Workers read {@code fires} read-committed, so a punctuation that
 * emitted fires asks for a commit at once ({@code ProcessorContext.commit()}) instead of waiting for
 * {@code commit.interval.ms}: a due fire reaches workers within about one punctuation interval plus one
 * commit. The {@link CommitPacer} asks for the other commits too (at least every second) and spaces them all when
 * commits are slow, and the punctuation comes every 100 ms while the topology is behind its input ({@link InputLag}),
 * so that neither committing nor punctuating starves the processing of the topology's input. Each fire's lateness
 * ({@code firedAt - scheduledAt}) is recorded in {@link FireMetrics}.
 *
 * <h2>Policies</h2>
 * <b>Pause fast path (hold).</b> The status stream may lag far behind under load, so the {@code job-state}
 * record of a pause can come late; the topology does not wait for it. A {@code Pause} or {@code Delete} read
 * on {@code control} for a job known as active <em>holds</em> it at once: its entry gets {@code heldSince} =
 * the command's request time (to the millisecond, like {@code updatedAt}), leaves the due index, and loses its
 * queued fire and pending retries, as a pause applied does; its runs in flight are still followed. A held job
 * counts as not active everywhere (no schedule, trigger, retry or queued fire). The hold ends when
 * {@code job-state} brings a status other than active, or a tombstone (the pause or delete applied: the
 * normal path from there), or an active state whose {@code updatedAt} is after {@code heldSince} (a later
 * command, a resume, superseded it: the times missed meanwhile go to the misfire policy as for any resume,
 * unless that state is a new incarnation of the job). An active state not after {@code heldSince} (an update
 * applied before the pause) keeps the hold, with the new definition. A further pause while held moves
 * {@code heldSince} to the later one. A {@code Resume} read on {@code control} does nothing by itself. A pause
 * for a job unknown or not active, or older than the state already applied, changes nothing. The rules are in
 * {@link Hold}; the held entry is in the changelogged {@code schedules} store, so a hold survives restarts.
 *
 * <p><b>In flight, and abandoned.</b> Every fire is in flight from its emission until a {@code Completed} of
 * that attempt ends it without a retry; an attempt waiting to be retried is in flight too. Each ends with
 * exactly one outcome. Workers report a run with {@code Started}, then a {@code Heartbeat} every few
 * seconds while it goes on. A reported run that nothing more is heard of for {@code heartbeatTimeout}
 * (default 30 s; its worker died or lost its connection) is <em>abandoned</em>: the topology publishes its
 * {@code Completed} with outcome {@code abandoned} (worker id: the last worker that reported it) and applies
 * the job's retry policy as for an error. A fire no worker reported is abandoned the same way (worker id
 * {@value RunTracker#NO_WORKER}) after its deadline plus {@code inFlightGrace} (default 30 s), or, without
 * a deadline, {@code inFlightTtl} (default 1 h) after it was emitted: a fire waits in {@code fires} while
 * workers are busy or down, and only that long bounds it. A reported run with a deadline is abandoned at
 * the deadline plus the grace at the latest, whatever heartbeats say (workers report such runs
 * {@code timeout} at the deadline). The time of a report is when the coordinator processed it (its own
 * clock, so workers' clocks do not matter). Run events about an attempt that is not the running one
 * (stale, duplicate, late) are ignored. Known race: a worker's completion still unread on {@code runs} when
 * the topology decides {@code abandoned} is applied first by the status stream (it is earlier on the
 * topic), while the topology, having decided abandoned, may retry: each fire id still has one outcome.
 * A deleted or paused job's running attempts are still followed until they end.
 *
 * <p><b>Overlap</b> (per job, and per incarnation: a re-created job does not wait for the runs of the deleted one;
 * every fire but a retry goes through it: scheduled, catch-up, triggered):
 * {@code skip} (default): a time due while a run is in flight is skipped, never fired later, and the
 * schedule moves on. {@code allow}: fire regardless. {@code queue}: the fire waits and is emitted, keeping
 * its schedule time, as soon as nothing of the job is in flight; at most one waits, further times due
 * meanwhile are skipped. A pause or delete (or a hold) drops the waiting fire.
 *
 * <p><b>Retries.</b> When an attempt completes {@code error}, {@code timeout} or {@code abandoned} and its
 * number is below the fire's {@code maxAttempts}, attempt n+1 of the same schedule time (fire id
 * {@code jobId@scheduledAtMillis#n+1}) fires after {@link RetryBackoff#delayAfter(int) backoff(n)}, counted
 * from the completion. A fire's attempt limit is the job's when its first attempt fired; every attempt carries it
 * ({@code Fire.maxAttempts}, copied into its {@code Completed}), so the status stream counts the fire failed at
 * exactly the attempt after which no retry comes, whatever update it applied meanwhile. Retries are not subject to overlap. A pending retry is stored and indexed, so it
 * survives restarts; a pause, failure or delete of the job (or a hold) drops it. {@code ok} and {@code cancelled}
 * never retry.
 *
 * <p><b>Timeout.</b> A job with a {@code timeout} fires with {@code deadline = firedAt + timeout}.
 *
 * <p><b>Misfire</b> (per job). A schedule time is missed when the coordinator first sees it due more than
 * {@code misfireThreshold} (default 5 s) after it and it came due before the task's first punctuation (the
 * coordinator was down or failing over) or before the job was created, or when it fell while the job was paused
 * or failed (seen at the resume). Then every schedule time from the first missed one up to now is decided at
 * once: {@code skip} fires none; {@code once} (default) fires one now, for the most recent missed time;
 * {@code all} fires each, oldest first, at most the most recent {@code misfireLimit} of them. The schedule
 * continues at its first time after now. Catch-up fires go through the overlap policy like any other. A time
 * seen due within the threshold is simply fired late (all such times, in order), and so is a time that came
 * due while the task was up, however late a busy coordinator sees it (counted in
 * {@code firelane_fires_late_total}): busy is not down. A job paused since its creation counts its times from
 * its creation as missed. An {@code at} job whose instant was more than the threshold in the past when the
 * coordinator first saw it, after a restart or because it was created so, is a missed time too: it fires once,
 * unless its policy is skip.
 *
 * <p><b>Trigger</b> is decided once, by the status stream, against the job as applied (in the order of
 * {@code control}, so a trigger sent right after a create or a resume is never lost, and a trigger of a paused job
 * is rejected in its audit and never fires). An accepted trigger comes back on {@code job-state}, in the state the
 * status stream publishes for it ({@link JobState#trigger()}), and fires an active (and not held) job now under its
 * overlap policy, with the request time as schedule time; the schedule is not moved. A pause or delete read on
 * {@code control} after the trigger holds the job first and wins. A trigger is fired once: its request time is
 * kept in the entry, and one not after it is the same request read again. A trigger whose request time (to the
 * millisecond) equals a fire of the
 * job still in flight is ignored, as that fire id is taken. <b>Update</b> (a new generation) takes effect
 * from the next schedule computation; runs in flight, pending retries and a queued fire are kept.
 */
public final class FireTopology {
    public static final String JOB_STATE_SOURCE = "job-state-source";
    public static final String CONTROL_SOURCE = "control-source";
    public static final String RUNS_SOURCE = "runs-source";
    public static final String SCHEDULER = "scheduler";
    /** The pause fast path: the only reader of {@code control} (triggers come decided, on {@code job-state}). */
    public static final String HOLD = "hold";
    public static final String RUN_EVENTS = "run-events";
    public static final String FIRES_SINK = "fires-sink";
    /** Where the coordinator publishes the {@code abandoned} completions it decides. */
    public static final String RUNS_SINK = "runs-sink";
    public static final String SCHEDULES_STORE = "schedules";
    public static final String DUE_INDEX_STORE = "due-index";
    public static final String IN_FLIGHT_STORE = "in-flight";
    public static final String IN_FLIGHT_INDEX_STORE = "in-flight-index";
    /** Per task, in memory, not logged: where the scans of the two time indexes start ({@link ScanFloors}). */
    public static final String SCAN_FLOORS_STORE = "scan-floors";
    /** The stores with a changelog topic ({@code <application id>-<store>-changelog}); the others are rebuilt. */
    public static final List<String> LOGGED_STORES = List.of(SCHEDULES_STORE, DUE_INDEX_STORE, IN_FLIGHT_STORE);

    private FireTopology() {
    }

    public static Topology build(FireTopologyConfig config) {
        Topology topology = new Topology();
        // job-state is compacted: a new application must read all of it to know every job
        topology.addSource(AutoOffsetReset.earliest(), JOB_STATE_SOURCE, Serdes.String().deserializer(),
                Topics.JOB_STATE.valueSerde().deserializer(), config.topic(Topics.JOB_STATE));
        // control is long-lived history: replaying old triggers from the start would fire them again
        // and it is read ahead of whatever else is buffered (ControlFirst): a pause never waits behind a backlog
        topology.addSource(AutoOffsetReset.latest(), CONTROL_SOURCE, new ControlFirst(), Serdes.String().deserializer(),
                Topics.CONTROL.valueSerde().deserializer(), config.topic(Topics.CONTROL));
        // runs: old events only name fires this application does not track, so reading them is harmless,
        // while starting at the end could lose a completion sent before the first commit
        topology.addSource(AutoOffsetReset.earliest(), RUNS_SOURCE, Serdes.String().deserializer(),
                Topics.RUNS.valueSerde().deserializer(), config.topic(Topics.RUNS));
        CommitPacer pacer = CommitPacer.systemTime(config.punctuationInterval());
        InputLag lag = new InputLag();
        topology.addProcessor(SCHEDULER, () -> new SchedulerProcessor(config, pacer, lag), JOB_STATE_SOURCE);
        topology.addProcessor(HOLD, () -> new HoldProcessor(config, pacer), CONTROL_SOURCE);
        topology.addProcessor(RUN_EVENTS, () -> new RunEventProcessor(config, pacer, lag), RUNS_SOURCE);
        String[] processors = {SCHEDULER, HOLD, RUN_EVENTS};
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, SCHEDULES_STORE),
                Serdes.String(), VersionedJsonSerde.of(ScheduleEntry.class)), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, DUE_INDEX_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(config, IN_FLIGHT_STORE),
                Serdes.String(), VersionedJsonSerde.of(InFlight.class)), processors);
        // derived from in-flight, so not logged: rebuilt from it at the task's first use (InFlightJobs), which saves
        // two changelog records (a put, a delete) and two store writes per fire
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IN_FLIGHT_INDEX_STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), processors);
        topology.addStateStore(ScanFloors.builder(SCAN_FLOORS_STORE), processors);
        topology.addSink(FIRES_SINK, config.topic(Topics.FIRES), Serdes.String().serializer(),
                Topics.FIRES.valueSerde().serializer(), processors);
        topology.addSink(RUNS_SINK, config.topic(Topics.RUNS), Serdes.String().serializer(),
                Topics.RUNS.valueSerde().serializer(), processors);
        return topology;
    }

    private static KeyValueBytesStoreSupplier store(FireTopologyConfig config, String name) {
        return config.storeType() == Materialized.StoreType.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }

    /**
     * The engine of a processor: the task's stores, emitting fires to the {@code fires} sink (each owed a commit,
     * which the {@code pacer} has asked for by the next punctuation) and abandoned completions to the {@code runs} sink.
     */
    static FireEngine engine(ProcessorContext<String, Object> context, FireTopologyConfig config, CommitPacer pacer) {
        KeyValueStore<String, ScheduleEntry> entries = context.getStateStore(SCHEDULES_STORE);
        KeyValueStore<String, String> dueIndex = context.getStateStore(DUE_INDEX_STORE);
        KeyValueStore<String, InFlight> inFlightStore = context.getStateStore(IN_FLIGHT_STORE);
        KeyValueStore<String, String> inFlightIndex = context.getStateStore(IN_FLIGHT_INDEX_STORE);
        ScanFloors floors = context.getStateStore(SCAN_FLOORS_STORE);
        ScheduleBook book = new ScheduleBook(entries, new DueIndex(dueIndex, floors.dueIndex()), config.calculator(),
                config.deletionMemory());
        InFlightBook inFlight = new InFlightBook(inFlightStore, new DueIndex(inFlightIndex, floors.inFlightIndex(), true),
                floors.inFlightJobs(), Liveness.of(config));
        FireEmitter emitter = new FireEmitter(config, book, inFlight, fire -> {
            context.forward(new Record<String, Object>(fire.jobId(), fire, fire.firedAt().toEpochMilli()), FIRES_SINK);
            pacer.owe();
        });
        Consumer<RunEvent> runsOut = event -> context.forward(
                new Record<String, Object>(event.jobId(), event, config.clock().millis()), RUNS_SINK);
        return new FireEngine(config, book, inFlight, emitter, runsOut, floors.runsProgress());
    }
}
