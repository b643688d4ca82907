package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.protocol.VersionedJsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The fire topology in a {@link TopologyTestDriver}, with a {@link SettableClock} moved in lockstep
 * with the driver's wall clock.
 */
final class FireTopologyHarness implements AutoCloseable {
    private FireTopologyConfig config;
    private final SettableClock clock;
    private final Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, JobState> jobState;
    private TestInputTopic<String, ControlCommand> control;
    private TestInputTopic<String, RunEvent> runs;
    private TestInputTopic<String, byte[]> rawJobState;
    private TestInputTopic<String, byte[]> rawControl;
    private TestOutputTopic<String, Fire> fires;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private TestOutputTopic<String, RunEvent> runsOut;
    private TestOutputTopic<String, ScheduleEntry> schedulesChangelog;

    private final boolean exactlyOnce;

    /** The last state put per job (without a trigger), for {@link #triggered}. */
    private final java.util.Map<String, JobState> lastPut = new java.util.HashMap<>();

    FireTopologyHarness(FireTopologyConfig config, SettableClock clock, Path stateDir) {
        this(config, clock, stateDir, true);
    }

    /**
     * @param exactlyOnce false only to observe dead letters: under exactly-once the driver's
     *                    MockProducer drops records sent while deserializing, before its first
     *                    capture ({@code MockProducer.clear()} also clears uncommitted sends)
     */
    FireTopologyHarness(FireTopologyConfig config, SettableClock clock, Path stateDir, boolean exactlyOnce) {
        this.config = config;
        this.clock = clock;
        this.stateDir = stateDir;
        this.exactlyOnce = exactlyOnce;
        open();
    }

    private void open() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Properties props = FireStream.streamsProperties(base, config);
        if (!exactlyOnce) {
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        }
        driver = new TopologyTestDriver(FireTopology.build(config), props, clock.instant());
        String prefix = config.topicPrefix();
        jobState = driver.createInputTopic(Topics.JOB_STATE.name(prefix), new StringSerializer(),
                Topics.JOB_STATE.valueSerde().serializer());
        control = driver.createInputTopic(Topics.CONTROL.name(prefix), new StringSerializer(),
                Topics.CONTROL.valueSerde().serializer());
        runs = driver.createInputTopic(Topics.RUNS.name(prefix), new StringSerializer(),
                Topics.RUNS.valueSerde().serializer());
        rawJobState = driver.createInputTopic(Topics.JOB_STATE.name(prefix), new StringSerializer(), new ByteArraySerializer());
        rawControl = driver.createInputTopic(Topics.CONTROL.name(prefix), new StringSerializer(), new ByteArraySerializer());
        fires = driver.createOutputTopic(Topics.FIRES.name(prefix), new StringDeserializer(),
                Topics.FIRES.valueSerde().deserializer());
        runsOut = driver.createOutputTopic(Topics.RUNS.name(prefix), new StringDeserializer(),
                Topics.RUNS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ.name(prefix), Topics.DLQ.keySerde().deserializer(),
                Topics.DLQ.valueSerde().deserializer());
        schedulesChangelog = driver.createOutputTopic(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-"
                + FireTopology.SCHEDULES_STORE + "-changelog", new StringDeserializer(),
                VersionedJsonSerde.of(ScheduleEntry.class));
    }

    /**
     * A crash and restart: a new driver whose logged stores hold what the old ones held. The driver wipes
     * its state directory on close and has no changelog to restore from, so the contents of the logged stores
     * are carried over by hand, exactly what changelog restoration gives a real instance; the in-flight index,
     * not logged, starts empty and must be rebuilt by the topology.
     */
    void restartWithRestoredStores() {
        List<String> names = FireTopology.LOGGED_STORES;
        List<List<KeyValue<String, Object>>> saved = names.stream().map(this::contents).toList();
        driver.close();
        open();
        for (int i = 0; i < names.size(); i++) {
            driver.<String, Object>getKeyValueStore(names.get(i)).putAll(saved.get(i));
        }
    }

    /**
     * A crash and restart of the whole process: {@link #restartWithRestoredStores()}, and the process's memory outside
     * the stores (its {@link HoldBoard}) starts empty.
     */
    void restartAsNewProcess() {
        FireTopologyConfig c = config;
        config = new FireTopologyConfig(c.topicPrefix(), c.clock(), c.punctuationInterval(), c.maxFiresPerPunctuation(),
                c.calculator(), c.misfireThreshold(), c.inFlightGrace(), c.inFlightTtl(), c.heartbeatTimeout(),
                c.retryBackoff(), c.deletionMemory(), c.startupReadGrace(), c.storeType(), c.metrics(), c.witness(),
                new HoldBoard());
        restartWithRestoredStores();
    }

    private <V> List<KeyValue<String, V>> contents(String storeName) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(storeName);
        List<KeyValue<String, V>> all = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    void put(JobState state) {
        jobState.pipeInput(state.jobId(), state, clock.instant());
        if (state.trigger() == null) {
            lastPut.put(state.jobId(), state);
        }
    }

    /**
     * What the status stream publishes when it accepts a trigger of the job: the state last put for it, carrying
     * the trigger.
     */
    void triggered(String jobId, String commandId, Instant requestedAt) {
        JobState current = lastPut.get(jobId);
        if (current == null) {
            throw new IllegalStateException("put a state of " + jobId + " first: the status stream rejects a trigger of an unknown job");
        }
        put(current.withTrigger(new JobState.Trigger(commandId, requestedAt)));
    }

    void delete(String jobId) {
        lastPut.remove(jobId);
        jobState.pipeInput(jobId, null, clock.instant());
    }

    void command(ControlCommand command) {
        control.pipeInput(command.jobId(), command, clock.instant());
    }

    /** A worker reports {@code fire} started now. */
    void started(Fire fire) {
        runs.pipeInput(fire.jobId(), new RunEvent.Started(fire.fireId(), fire.jobId(), "w1", fire.attempt(),
                fire.scheduledAt(), clock.instant()), clock.instant());
    }

    /** A worker reports {@code fire} still running now. */
    void heartbeat(Fire fire) {
        heartbeat(fire, "w1");
    }

    void heartbeat(Fire fire, String workerId) {
        runs.pipeInput(fire.jobId(), new RunEvent.Heartbeat(fire.fireId(), fire.jobId(), workerId, clock.instant()), clock.instant());
    }

    /** Worker {@code workerId} reports {@code fire} started now. */
    void started(Fire fire, String workerId) {
        runs.pipeInput(fire.jobId(), new RunEvent.Started(fire.fireId(), fire.jobId(), workerId, fire.attempt(),
                fire.scheduledAt(), clock.instant()), clock.instant());
    }

    /** A worker reports {@code fire} finished now with {@code outcome}. */
    void completed(Fire fire, RunOutcome outcome) {
        runs.pipeInput(fire.jobId(), RunEvent.Completed.of(fire, "w1", fire.firedAt(), clock.instant(), outcome,
                outcome == RunOutcome.OK ? null : "boom", null), clock.instant());
    }

    /** A run event stamped {@code recordTime}: one sent then, read only now (a backlog). */
    void report(RunEvent event, Instant recordTime) {
        runs.pipeInput(event.jobId(), event, recordTime);
    }

    /** A run event as a worker (or a test standing in for one) sends it, now. */
    void report(RunEvent event) {
        runs.pipeInput(event.jobId(), event, clock.instant());
    }

    void rawJobState(String key, String value) {
        rawJobState.pipeInput(key, value.getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    void rawControl(String key, String value) {
        rawControl.pipeInput(key, value.getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    /** Moves time forward in punctuation-sized steps, so every due time is seen on time. */
    void advance(Duration by) {
        Duration step = config.punctuationInterval();
        Instant target = clock.instant().plus(by);
        while (clock.instant().isBefore(target)) {
            Duration next = Duration.between(clock.instant(), target);
            Duration move = next.compareTo(step) < 0 ? next : step;
            clock.advance(move);
            driver.advanceWallClockTime(move);
        }
    }

    /** Jumps to {@code instant} (at least one punctuation interval ahead) with a single punctuation. */
    void jumpTo(Instant instant) {
        Duration by = Duration.between(clock.instant(), instant);
        if (by.compareTo(config.punctuationInterval()) < 0) {
            throw new IllegalArgumentException("jump of " + by + " is shorter than a punctuation");
        }
        clock.set(instant);
        driver.advanceWallClockTime(by);
    }

    Instant now() {
        return clock.instant();
    }

    SettableClock clock() {
        return clock;
    }

    List<TestRecord<String, Fire>> fireRecords() {
        return fires.readRecordsToList();
    }

    List<Fire> fires() {
        return fires.readValuesToList();
    }

    /**
     * The completions the topology itself published on {@code runs} (abandoned fires), as records, since the
     * last read. The driver does not feed them back to the topology's own runs source.
     */
    List<TestRecord<String, RunEvent.Completed>> runRecords() {
        return runsOut.readRecordsToList().stream()
                .map(r -> new TestRecord<>(r.key(), (RunEvent.Completed) r.value(), r.headers(), r.getRecordTime()))
                .toList();
    }

    /** {@link #runRecords()}' values. */
    List<RunEvent.Completed> runEvents() {
        return runRecords().stream().map(TestRecord::value).toList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    ScheduleEntry entry(String jobId) {
        KeyValueStore<String, ScheduleEntry> store = driver.getKeyValueStore(FireTopology.SCHEDULES_STORE);
        return store.get(jobId);
    }

    /** Writes an entry and its index key straight into the stores, bypassing the processors. */
    void plant(ScheduleEntry entry) {
        driver.<String, ScheduleEntry>getKeyValueStore(FireTopology.SCHEDULES_STORE).put(entry.jobId(), entry);
        driver.<String, String>getKeyValueStore(FireTopology.DUE_INDEX_STORE)
                .put(DueIndex.key(entry.nextFireAt(), entry.jobId()), entry.jobId());
    }

    /** The last value the {@code schedules} store logged for the job: what a restore would give back. */
    ScheduleEntry changelogged(String jobId) {
        return schedulesChangelog.readKeyValuesToMap().get(jobId);
    }

    InFlight inFlight(String key) {
        return driver.<String, InFlight>getKeyValueStore(FireTopology.IN_FLIGHT_STORE).get(key);
    }

    List<String> inFlightKeys() {
        return this.<InFlight>contents(FireTopology.IN_FLIGHT_STORE).stream().map(kv -> kv.key).toList();
    }

    List<String> inFlightIndexKeys() {
        return this.<String>contents(FireTopology.IN_FLIGHT_INDEX_STORE).stream().map(kv -> kv.key).toList();
    }

    List<String> dueIndexKeys() {
        return this.<String>contents(FireTopology.DUE_INDEX_STORE).stream().map(kv -> kv.key).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
