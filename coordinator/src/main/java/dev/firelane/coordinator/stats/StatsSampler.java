package dev.firelane.coordinator.stats;

import dev.firelane.coordinator.status.RunActivity;
import dev.firelane.protocol.RunOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the system's figures every {@code interval} into a ring that keeps {@code window} of them, in memory:
 * what the dashboard's System view draws. Each tick reads the meters ({@link StatsReader}) and turns the change
 * since the previous reading into a {@link StatsPoint}. Nothing is stored: a restart starts an empty series.
 */
public final class StatsSampler implements StatsSeries, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatsSampler.class);

    private final Clock clock;
    private final Duration interval;
    private final Duration window;
    private final int capacity;
    private final StatsReader reader;
    private final Deque<StatsPoint> points = new ArrayDeque<>();
    private StatsReading last;
    private Instant lastAt;
    private long failures;
    private ScheduledExecutorService ticker;

    private StatsSampler(Builder b) {
        this.clock = b.clock;
        this.interval = b.settings.interval();
        this.window = b.settings.window();
        this.capacity = b.settings.capacity();
        this.reader = b.reader;
    }

    /** A sampler of {@code registry}'s meters, with the runs in flight of {@code activity} (the status stream's). */
    public static Builder builder(MeterRegistry registry, Supplier<RunActivity.Snapshot> activity) {
        return new Builder(new MeterStatsReader(registry, activity));
    }

    static Builder builder(StatsReader reader) {
        return new Builder(reader);
    }

    /** Takes the first reading (the baseline of the first point) and ticks every interval on a thread of its own. */
    public synchronized StatsSampler start() {
        if (ticker != null) {
            throw new IllegalStateException("a stats sampler starts once");
        }
        tickSafely();
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "firelane-stats");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tickSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("stats sampler started: a point every {}, {} kept", interval, window);
        return this;
    }

    /** Reads the meters; from the second reading on, adds the point of the interval since the previous one. */
    synchronized void tick() {
        StatsReading now = reader.read();
        Instant at = clock.instant();
        if (last != null) {
            double seconds = Duration.between(lastAt, at).toMillis() / 1000.0;
            add(point(at, seconds > 0 ? seconds : interval.toMillis() / 1000.0, now, last));
        }
        last = now;
        lastAt = at;
    }

    /** Ticks; a failure is logged and counted, and the next tick tries again. */
    void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            long n;
            synchronized (this) {
                n = ++failures;
            }
            log.warn("stats sample failed ({} so far): {}", n, e.toString());
        }
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public synchronized List<StatsPoint> points(Instant after) {
        List<StatsPoint> out = new ArrayList<>(points.size());
        for (StatsPoint point : points) {
            if (after == null || point.at().isAfter(after)) {
                out.add(point);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void add(StatsPoint point) {
        points.addLast(point);
        Instant oldest = point.at().minus(window);
        while (points.size() > capacity || !points.peekFirst().at().isAfter(oldest)) {
            points.removeFirst();
        }
    }

    private static StatsPoint point(Instant at, double seconds, StatsReading now, StatsReading before) {
        LatencyHistogram lateness = now.lateness().minus(before.lateness());
        boolean fromWorkers = now.workerInFlight() != null;
        RunActivity.Snapshot activity = now.activity();
        return new StatsPoint(at, seconds, delta(now.firesEmitted(), before.firesEmitted()),
                outcomes(now.completedByOutcome(), before.completedByOutcome()), lateness.percentile(0.5),
                lateness.percentile(0.99), now.statusLag(), now.workerLag(), activity.waiting(),
                fromWorkers ? now.workerInFlight() : activity.inFlightByWorker(),
                fromWorkers ? StatsPoint.FROM_WORKERS : StatsPoint.FROM_STATUS_STREAM);
    }

    /** Every outcome, in the protocol's order, with the completions of the interval (0 for none). */
    private static Map<String, Long> outcomes(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RunOutcome outcome : RunOutcome.values()) {
            out.put(outcome.wire(), 0L);
        }
        now.forEach((outcome, count) -> out.put(outcome, delta(count, before.getOrDefault(outcome, 0.0))));
        return out;
    }

    private static long delta(double now, double before) {
        return Math.max(0, Math.round(now - before));
    }

    /** The sampler's settings; every one has a default but the source of the readings. */
    public static final class Builder {
        private final StatsReader reader;
        private Clock clock = Clock.systemUTC();
        private Duration interval = StatsSettings.DEFAULT_INTERVAL;
        private Duration window = StatsSettings.DEFAULT_WINDOW;
        private StatsSettings settings;

        private Builder(StatsReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        public Builder settings(StatsSettings settings) {
            this.interval = settings.interval();
            this.window = settings.window();
            return this;
        }

        /** @throws IllegalArgumentException if the interval or window is out of range (see {@link StatsSettings}) */
        public StatsSampler build() {
            settings = new StatsSettings(interval, window);
            return new StatsSampler(this);
        }
    }
}
