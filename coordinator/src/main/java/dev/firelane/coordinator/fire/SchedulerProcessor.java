package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Learns jobs from {@code job-state} and, on a fine wall-clock punctuation, fires what is due, then asks
 * for a commit so that the fires reach workers at once (those emitted while processing records since the last
 * punctuation too), as often as the {@link CommitPacer} allows. "Now" is the injected clock, not the punctuation timestamp, so tests
 * and replays control time.
 *
 * <p>While the topology is behind its input ({@link InputLag}), the punctuation comes every
 * {@link #BEHIND_PUNCTUATION_INTERVAL} instead (or the configured interval, if longer), so that the stream thread
 * processes its backlog in batches rather than one record per task per loop; it is fine again once the records
 * read are recent. Due fires wait up to that interval more meanwhile.
 */
final class SchedulerProcessor implements Processor<String, JobState, String, Object> {
    /** How often a topology behind its input punctuates (unless the configured interval is longer). */
    static final Duration BEHIND_PUNCTUATION_INTERVAL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(SchedulerProcessor.class);

    private final FireTopologyConfig config;
    private final CommitPacer pacer;
    private final InputLag lag;
    private final Duration behindInterval;
    private FireEngine engine;
    private Cancellable punctuation;
    private Duration punctuationEvery;

    SchedulerProcessor(FireTopologyConfig config, CommitPacer pacer, InputLag lag) {
        this.config = config;
        this.pacer = pacer;
        this.lag = lag;
        this.behindInterval = BEHIND_PUNCTUATION_INTERVAL.compareTo(config.punctuationInterval()) > 0
                ? BEHIND_PUNCTUATION_INTERVAL : config.punctuationInterval();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.engine = FireTopology.engine(context, config, pacer);
        // the task (re)starts: its stores may have been restored or changed elsewhere meanwhile (a task kept
        // as a standby and promoted again keeps its store objects), so the first scans cover everything
        context.<ScanFloors>getStateStore(FireTopology.SCAN_FLOORS_STORE).reset();
        schedule(context, config.punctuationInterval());
    }

    private void schedule(ProcessorContext<String, Object> context, Duration every) {
        if (punctuation != null) {
            punctuation.cancel();
        }
        punctuationEvery = every;
        punctuation = context.schedule(every, PunctuationType.WALL_CLOCK_TIME, ignored -> punctuate(context));
    }

    private void punctuate(ProcessorContext<String, Object> context) {
        engine.punctuate(config.clock().instant());
        if (pacer.shouldCommit()) {
            // workers read committed: the fires become visible when the transaction commits, so commit now
            // rather than at the next commit.interval.ms
            context.commit();
        }
        Duration every = lag.behind(config.clock().millis()) ? behindInterval : config.punctuationInterval();
        if (!every.equals(punctuationEvery)) {
            log.debug("punctuation every {} ms: the topology is {} its input", every.toMillis(),
                    every.equals(behindInterval) ? "behind" : "up with");
            schedule(context, every);
        }
    }

    @Override
    public void process(Record<String, JobState> record) {
        pacer.observe();
        JobState state = record.value();
        String jobId = record.key() != null ? record.key() : state == null ? null : state.jobId();
        if (jobId == null) {
            log.warn("job-state record without key or value ignored");
            return;
        }
        if (state != null && !jobId.equals(state.jobId())) {
            log.warn("jobId={} job-state record carries job {}; ignored", jobId, state.jobId());
            return;
        }
        lag.read(record.timestamp(), config.clock().millis());
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
            engine.onJobState(jobId, state, config.clock().instant());
            log.trace("jobId={} applied status={}", jobId, state == null ? "tombstone" : state.status().wire());
        }
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
    }
}
