package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Settings of the fire topology. Build with {@link #builder()}; {@code build()} validates. The policies
 * they tune are described in {@link FireTopology}.
 *
 * @param topicPrefix            prefix of every Firelane topic name
 * @param clock                  the coordinator's notion of now (due times, {@code firedAt}, deadlines)
 * @param punctuationInterval    how often due jobs are looked for (wall-clock): a due fire leaves at most
 *                               about this long after its time. Fine by default, as a punctuation with
 *                               nothing due is one seek in each time index; {@link FireStream} sets the
 *                               stream thread's {@code poll.ms} to match, since wall-clock punctuators are
 *                               only looked at between polls
 * @param maxFiresPerPunctuation at most this many due schedule entries (and as many in-flight wake-ups)
 *                               per punctuation; the rest wait for the next one, which bounds the work per
 *                               commit
 * @param calculator             the schedule math, shared by all stream threads
 * @param misfireThreshold       a schedule time seen due later than this after it counts as missed, and
 *                               the job's misfire policy decides about it
 * @param inFlightGrace          a fire with a deadline stops counting as in flight this long after its
 *                               deadline if no completion came
 * @param inFlightTtl            a fire without a deadline that no worker reported is abandoned this long
 *                               after it was emitted
 * @param heartbeatTimeout       a fire a worker reported ({@code Started}, {@code Heartbeat}) is abandoned
 *                               when nothing more is heard of it for this long; keep it several worker
 *                               heartbeat intervals (default 5 s), and longer than a worker's consumer
 *                               session timeout (default 15 s), so that a crashed worker's fire is
 *                               redelivered rather than abandoned
 * @param retryBackoff           the wait before each retry
 * @param deletionMemory         how long a deleted job's last incarnation is remembered (a small marker entry in
 *                               the {@code schedules} store), so that a late {@code job-state} record of that
 *                               incarnation (a republication, a zombie writer) does not bring it back; then the
 *                               marker is dropped, so the store does not grow with every job id ever deleted
 * @param storeType              where the four stores live: RocksDB (default; restarts restore only what
 *                               the local files miss) or memory (restored from the changelog on every start)
 * @param metrics                the meters of emitted fires (default: registered nowhere)
 * @param witness                the pause and delete commands this process's tasks have read (a new one per config)
 * @param startupReadGrace       after a task starts, how long a fire is abandoned as unreported only once the task has
 *                               read runs past the time its report was due ({@link RunsProgress})
 * @param holdBoard              pauses and deletes read outside the topology ({@link ControlTail}); default: an empty
 *                               board, fed by nothing
 */
public record FireTopologyConfig(String topicPrefix, Clock clock, Duration punctuationInterval,
                                 int maxFiresPerPunctuation, ScheduleCalculator calculator,
                                 Duration misfireThreshold, Duration inFlightGrace, Duration inFlightTtl,
                                 Duration heartbeatTimeout, RetryBackoff retryBackoff, Duration deletionMemory,
                                 Duration startupReadGrace, Materialized.StoreType storeType, FireMetrics metrics,
                                 CommandWitness witness, HoldBoard holdBoard) {
    public static final String DEFAULT_TOPIC_PREFIX = Topics.DEFAULT_PREFIX;
    public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(10);
    /**
     * Per task: a stream thread commits once for all its tasks' punctuations, so with 6 tasks one transaction
     * carries up to 6,000 fires (each with its store changelog records). 10,000 per task let 100,000 jobs due
     * at once build a 50,000-fire transaction that outlived the 10 s transaction timeout, was fenced and fired
     * again; and workers see nothing of a transaction until it commits, so smaller ones also start runs sooner.
     */
    public static final int DEFAULT_MAX_FIRES_PER_PUNCTUATION = 1_000;
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IN_FLIGHT_GRACE = Duration.ofSeconds(30);
    /** After a task starts, how long a fire is declared unreported only once runs is read past its due report. */
    public static final Duration DEFAULT_STARTUP_READ_GRACE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_IN_FLIGHT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DELETION_MEMORY = Duration.ofDays(1);
    public static final Materialized.StoreType DEFAULT_STORE_TYPE = Materialized.StoreType.ROCKS_DB;

    public FireTopologyConfig {
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        Objects.requireNonNull(calculator, "calculator");
        Objects.requireNonNull(misfireThreshold, "misfireThreshold");
        Objects.requireNonNull(inFlightGrace, "inFlightGrace");
        Objects.requireNonNull(inFlightTtl, "inFlightTtl");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(deletionMemory, "deletionMemory");
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(witness, "witness");
        Objects.requireNonNull(holdBoard, "holdBoard");
        Objects.requireNonNull(startupReadGrace, "startupReadGrace");
        if (startupReadGrace.isNegative()) {
            throw new IllegalArgumentException("startupReadGrace must not be negative; got " + startupReadGrace);
        }
        if (punctuationInterval.toMillis() < 1) {
            throw new IllegalArgumentException("punctuationInterval must be at least 1 ms; got " + punctuationInterval);
        }
        if (maxFiresPerPunctuation < 1) {
            throw new IllegalArgumentException("maxFiresPerPunctuation must be >= 1; got " + maxFiresPerPunctuation);
        }
        if (misfireThreshold.compareTo(punctuationInterval) < 0) {
            // a time found at the first punctuation after it must never count as missed
            throw new IllegalArgumentException("misfireThreshold " + misfireThreshold
                    + " is shorter than the punctuationInterval " + punctuationInterval);
        }
        if (inFlightGrace.isNegative()) {
            throw new IllegalArgumentException("inFlightGrace must not be negative; got " + inFlightGrace);
        }
        if (inFlightTtl.toMillis() < 1) {
            throw new IllegalArgumentException("inFlightTtl must be at least 1 ms; got " + inFlightTtl);
        }
        if (heartbeatTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeatTimeout must be at least 1 ms; got " + heartbeatTimeout);
        }
        if (deletionMemory.toMillis() < 1) {
            throw new IllegalArgumentException("deletionMemory must be at least 1 ms; got " + deletionMemory);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Full name of a topic under this config's prefix. */
    public String topic(Topic<?, ?> topic) {
        return topic.name(topicPrefix);
    }

    /** Builder with the {@code DEFAULT_*} values, {@link RetryBackoff#defaults()} and the system UTC clock. */
    public static final class Builder {
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private Clock clock = Clock.systemUTC();
        private Duration punctuationInterval = DEFAULT_PUNCTUATION_INTERVAL;
        private int maxFiresPerPunctuation = DEFAULT_MAX_FIRES_PER_PUNCTUATION;
        private ScheduleCalculator calculator;
        private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
        private Duration inFlightGrace = DEFAULT_IN_FLIGHT_GRACE;
        private Duration inFlightTtl = DEFAULT_IN_FLIGHT_TTL;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private RetryBackoff retryBackoff = RetryBackoff.defaults();
        private Duration deletionMemory = DEFAULT_DELETION_MEMORY;
        private Materialized.StoreType storeType = DEFAULT_STORE_TYPE;
        private MeterRegistry meterRegistry;

        private HoldBoard holdBoard;
        private Duration startupReadGrace = DEFAULT_STARTUP_READ_GRACE;

        private Builder() {
        }

        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder punctuationInterval(Duration punctuationInterval) {
            this.punctuationInterval = punctuationInterval;
            return this;
        }

        public Builder maxFiresPerPunctuation(int maxFiresPerPunctuation) {
            this.maxFiresPerPunctuation = maxFiresPerPunctuation;
            return this;
        }

        public Builder calculator(ScheduleCalculator calculator) {
            this.calculator = calculator;
            return this;
        }

        public Builder misfireThreshold(Duration misfireThreshold) {
            this.misfireThreshold = misfireThreshold;
            return this;
        }

        public Builder inFlightGrace(Duration inFlightGrace) {
            this.inFlightGrace = inFlightGrace;
            return this;
        }

        public Builder inFlightTtl(Duration inFlightTtl) {
            this.inFlightTtl = inFlightTtl;
            return this;
        }

        public Builder heartbeatTimeout(Duration heartbeatTimeout) {
            this.heartbeatTimeout = heartbeatTimeout;
            return this;
        }

        public Builder retryBackoff(RetryBackoff retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder deletionMemory(Duration deletionMemory) {
            this.deletionMemory = deletionMemory;
            return this;
        }

        public Builder storeType(Materialized.StoreType storeType) {
            this.storeType = storeType;
            return this;
        }

        /** See {@link RunsProgress}; zero judges unreported fires by the clock alone from the start. */
        public Builder startupReadGrace(Duration startupReadGrace) {
            this.startupReadGrace = startupReadGrace;
            return this;
        }

        /** The board a {@link ControlTail} of this process feeds. */
        public Builder holdBoard(HoldBoard holdBoard) {
            this.holdBoard = holdBoard;
            return this;
        }

        /** Where the fire meters go; default: nowhere. Pass the process's one registry. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        public FireTopologyConfig build() {
            return new FireTopologyConfig(topicPrefix, clock, punctuationInterval, maxFiresPerPunctuation,
                    calculator == null ? new ScheduleCalculator() : calculator, misfireThreshold, inFlightGrace,
                    inFlightTtl, heartbeatTimeout, retryBackoff, deletionMemory, startupReadGrace, storeType,
                    FireMetrics.of(meterRegistry == null ? MeterRegistries.none() : meterRegistry), new CommandWitness(),
                    holdBoard == null ? new HoldBoard() : holdBoard);
        }
    }
}
