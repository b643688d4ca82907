package dev.firelane.coordinator.fire;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The {@link ScanFloor}s of a stream task's two time indexes, and its {@link InFlightJobs}, shared by all its
 * processors (whichever adds a key lowers a floor; the scheduler's punctuation raises them). A state store
 * only as the per-task holder Kafka Streams provides: in memory, not logged, reset whenever the task
 * (re)initializes, so that its first scan covers the whole index whatever happened to the stores meanwhile.
 */
final class ScanFloors implements StateStore {
    private final String name;
    private final ScanFloor dueIndex = new ScanFloor();
    private final ScanFloor inFlightIndex = new ScanFloor();
    private final InFlightJobs inFlightJobs = new InFlightJobs();
    private final RunsProgress runsProgress = new RunsProgress();
    private boolean open;

    ScanFloors(String name) {
        this.name = name;
    }

    ScanFloor dueIndex() {
        return dueIndex;
    }

    ScanFloor inFlightIndex() {
        return inFlightIndex;
    }

    /** The in-flight keys by job: per task, in memory, rebuilt after a (re)start like the floors. */
    InFlightJobs inFlightJobs() {
        return inFlightJobs;
    }

    /** How far the task has read {@code runs}: per task, in memory, started over after a (re)start. */
    RunsProgress runsProgress() {
        return runsProgress;
    }

    void reset() {
        runsProgress.reset();
        dueIndex.reset();
        inFlightIndex.reset();
        inFlightJobs.reset();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        reset();
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    static StoreBuilder<ScanFloors> builder(String name) {
        return new Builder(name);
    }

    /** Builds one per task; caching and logging do not apply. */
    private record Builder(String name) implements StoreBuilder<ScanFloors> {
        @Override
        public StoreBuilder<ScanFloors> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<ScanFloors> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<ScanFloors> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("scan floors are rebuilt on start, never logged");
        }

        @Override
        public StoreBuilder<ScanFloors> withLoggingDisabled() {
            return this;
        }

        @Override
        public ScanFloors build() {
            return new ScanFloors(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
