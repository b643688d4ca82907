package dev.firelane.bench;

import dev.firelane.coordinator.fire.FireTopology;
import dev.firelane.coordinator.fire.FireTopologyConfig;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Registers N jobs in one coordinator's fire topology (the real {@link FireTopology}, with its
 * persistent RocksDB stores, driven by a {@link TopologyTestDriver}, no broker) and prints what it
 * costs: load time and rate, heap after GC, resident memory, the stores' size on disk, and how long a
 * punctuation takes with nothing due and with K jobs due at one instant.
 *
 * <pre>java -Xmx2g -cp bench/target/bench.jar dev.firelane.bench.FireTopologyBench [N [K [rocks_db|in_memory]]]</pre>
 * N defaults to 1,000,000; K (jobs due at the measured instant) to N/100; the store type to the
 * coordinator's default, RocksDB. The state lives in a temporary folder, deleted at the end.
 */
public final class FireTopologyBench {
    public static final int DEFAULT_JOBS = 1_000_000;
    /** The instant the jobs are registered at: a Monday noon, UTC. */
    public static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
    private static final String PREFIX = Topics.DEFAULT_PREFIX;
    private static final Duration PUNCTUATION = FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL;
    private static final int IDLE_ROUNDS = 10;
    private static final int PROGRESS_EVERY = 100_000;
    private static final int DRAIN_EVERY = 10_000;

    private final JobMix mix;
    private final Materialized.StoreType storeType;
    private final Path stateDir;
    private final PrintStream out;
    private final BenchClock clock = new BenchClock(START);

    FireTopologyBench(JobMix mix, Materialized.StoreType storeType, Path stateDir, PrintStream out) {
        this.mix = mix;
        this.storeType = storeType;
        this.stateDir = stateDir;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        int jobs = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_JOBS;
        int due = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : Math.max(1, jobs / 100);
        Materialized.StoreType storeType = args.length > 2
                ? Materialized.StoreType.valueOf(args[2].toUpperCase(Locale.ROOT))
                : FireTopologyConfig.DEFAULT_STORE_TYPE;
        Path stateDir = Files.createTempDirectory("firelane-bench");
        Result result;
        try {
            result = new FireTopologyBench(new JobMix(jobs, due, START), storeType, stateDir, System.out).run();
        } finally {
            deleteRecursively(stateDir);
        }
        if (result.fired() != due) {
            System.err.println("expected " + due + " fires at " + result.dueAt() + ", got " + result.fired());
            System.exit(1);
        }
    }

    /** What the run produced, for callers that check it. */
    record Result(Instant dueAt, long fired) {
    }

    Result run() {
        FireTopologyConfig config = FireTopologyConfig.builder()
                .clock(clock)
                .storeType(storeType)
                .maxFiresPerPunctuation(Math.max(mix.dueCount(), FireTopologyConfig.DEFAULT_MAX_FIRES_PER_PUNCTUATION))
                .build();
        out.printf("jobs: %,d (half every, half cron in 3 forms and 10 zones); due at %s: %,d%n",
                mix.size(), mix.dueAt(), mix.dueCount());
        out.printf("java: %s, max heap %s, %d cpus; stores: %s in %s%n", Runtime.version(),
                Figures.mib(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors(), storeType,
                stateDir);
        long heapBefore = Figures.heapUsedAfterGc();
        try (TopologyTestDriver driver = new TopologyTestDriver(FireTopology.build(config), properties(), START)) {
            String firesTopic = config.topic(Topics.FIRES);
            TestOutputTopic<byte[], byte[]> fires = driver.createOutputTopic(firesTopic,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            load(driver, config);
            long heapAfter = Figures.heapUsedAfterGc();
            out.printf("heap used after GC: %s (before loading: %s, so %s for the jobs)%n", Figures.mib(heapAfter),
                    Figures.mib(heapBefore), Figures.mib(heapAfter - heapBefore));
            out.printf("resident memory (heap + RocksDB native + JVM): %s%n", Figures.mib(Figures.residentBytes()));
            out.printf("state dir on disk: %s%n", Figures.mib(Figures.diskBytes(stateDir)));

            out.printf("full iteration of the schedules store (what the due index avoids): %s%n",
                    Figures.millis(timeFullScan(driver)));
            scanDueIndex(driver, clock.instant(), 0);
            scanDueIndex(driver, mix.dueAt(), mix.dueCount());
            idle(driver, fires, "nothing due (start + 0..2 s)");
            long fired = burst(driver, fires, mix.dueAt(), "cold JIT");
            idle(driver, fires, "nothing due, after the burst");
            // the same jobs are due again a minute later (every 1m, and cron at second 0)
            long again = burst(driver, fires, mix.dueAt().plus(JobMix.DUE_AFTER), "warm JIT");
            if (again != fired) {
                throw new IllegalStateException(again + " fires at the second due instant, " + fired + " at the first");
            }
            return new Result(mix.dueAt(), fired);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, PREFIX + "coordinator-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "bench:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    private void load(TopologyTestDriver driver, FireTopologyConfig config) {
        TestInputTopic<String, JobState> jobState = driver.createInputTopic(config.topic(Topics.JOB_STATE),
                new StringSerializer(), Topics.JOB_STATE.valueSerde().serializer(), START, Duration.ZERO);
        long started = System.nanoTime();
        List<TestOutputTopic<byte[], byte[]>> changelogs = List.of();
        for (int i = 0; i < mix.size(); i++) {
            jobState.pipeInput(JobMix.id(i), mix.job(i));
            if (i == 0) {
                changelogs = changelogs(driver);
            }
            if ((i + 1) % DRAIN_EVERY == 0) {
                // the driver keeps every changelog record it "sent" on the heap; a broker would not
                changelogs.forEach(TestOutputTopic::readRecordsToList);
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                System.err.printf("loaded %,d jobs in %s%n", i + 1, Figures.millis(System.nanoTime() - started));
            }
        }
        changelogs.forEach(TestOutputTopic::readRecordsToList);
        long elapsed = System.nanoTime() - started;
        out.printf("load: %,d jobs in %s (%,.0f jobs/s)%n", mix.size(), Figures.millis(elapsed), mix.size() / (elapsed / 1e9));
    }

    /** Times the punctuation at {@code dueAt}, which finds and fires the due set; returns how many fired. */
    private long burst(TopologyTestDriver driver, TestOutputTopic<byte[], byte[]> fires, Instant dueAt, String label) {
        clock.set(dueAt);
        long started = System.nanoTime();
        driver.advanceWallClockTime(PUNCTUATION);
        long elapsed = System.nanoTime() - started;
        long fired = fires.getQueueSize();
        out.printf("punctuation at %s (%s): found and fired %,d due jobs in %s (%,.0f fires/s, including the commit)%n",
                dueAt, label, fired, Figures.millis(elapsed), fired / (elapsed / 1e9));
        fires.readRecordsToList();
        return fired;
    }

    private static List<TestOutputTopic<byte[], byte[]>> changelogs(TopologyTestDriver driver) {
        return driver.producedTopicNames().stream().filter(name -> name.endsWith("-changelog"))
                .map(name -> driver.createOutputTopic(name, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                .toList();
    }

    private long timeFullScan(TopologyTestDriver driver) {
        KeyValueStore<String, Object> schedules = driver.getKeyValueStore(FireTopology.SCHEDULES_STORE);
        long started = System.nanoTime();
        long count = 0;
        try (KeyValueIterator<String, Object> all = schedules.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        long elapsed = System.nanoTime() - started;
        if (count != mix.size()) {
            throw new IllegalStateException("the schedules store holds " + count + " jobs, not " + mix.size());
        }
        return elapsed;
    }

    /**
     * Times the read-only range scan a punctuation starts with: the due-index entries up to {@code at}.
     * Relies on the index's key layout ({@code <19-digit epoch millis>|jobId}), hence the count check.
     */
    private void scanDueIndex(TopologyTestDriver driver, Instant at, int expected) {
        KeyValueStore<String, String> index = driver.getKeyValueStore(FireTopology.DUE_INDEX_STORE);
        String upper = String.format("%019d}", at.toEpochMilli());
        long started = System.nanoTime();
        int found = 0;
        try (KeyValueIterator<String, String> due = index.range("0", upper)) {
            while (due.hasNext()) {
                due.next();
                found++;
            }
        }
        long elapsed = System.nanoTime() - started;
        if (found != expected) {
            throw new IllegalStateException("the due index holds " + found + " entries up to " + at + ", expected "
                    + expected + "; has its key layout changed?");
        }
        out.printf("due-index range scan up to %s: %,d entries found in %s%n", at, found, Figures.millis(elapsed));
    }

    /** Times {@value #IDLE_ROUNDS} punctuations at instants where nothing is due; checks nothing fired. */
    private void idle(TopologyTestDriver driver, TestOutputTopic<byte[], byte[]> fires, String label) {
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int round = 0; round < IDLE_ROUNDS; round++) {
            clock.advance(PUNCTUATION);
            long started = System.nanoTime();
            driver.advanceWallClockTime(PUNCTUATION);
            long elapsed = System.nanoTime() - started;
            best = Math.min(best, elapsed);
            total += elapsed;
        }
        if (!fires.isEmpty()) {
            throw new IllegalStateException(fires.getQueueSize() + " fires where none was due (" + label + ")");
        }
        out.printf("punctuation with %s: %s mean, %s best of %d (including the commit)%n", label,
                Figures.millis(total / IDLE_ROUNDS), Figures.millis(best), IDLE_ROUNDS);
    }
}
