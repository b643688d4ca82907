package dev.firelane.coordinator.fire;

import dev.firelane.protocol.JobState;
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
 * for a commit so that the fires reach workers at once, as often as the {@link CommitPacer} allows. "Now" is the
 * injected clock, not the punctuation timestamp, so tests and replays control time.
 */
final class SchedulerProcessor implements Processor<String, JobState, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(SchedulerProcessor.class);

    private final FireTopologyConfig config;
    private final CommitPacer pacer;
    private FireEngine engine;
    private Cancellable punctuation;

    SchedulerProcessor(FireTopologyConfig config, CommitPacer pacer) {
        this.config = config;
        this.pacer = pacer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.engine = FireTopology.engine(context, config);
        // the task (re)starts: its stores may have been restored or changed elsewhere meanwhile (a task kept
        // as a standby and promoted again keeps its store objects), so the first scans cover everything
        context.<ScanFloors>getStateStore(FireTopology.SCAN_FLOORS_STORE).reset();
        this.punctuation = context.schedule(config.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
                ignored -> punctuate(context));
    }

    private void punctuate(ProcessorContext<String, Object> context) {
        boolean fired = engine.punctuate(config.clock().instant()) > 0;
        if (pacer.shouldCommit(fired)) {
            // workers read committed: the fires become visible when the transaction commits, so commit now
            // rather than at the next commit.interval.ms
            context.commit();
        }
    }

    @Override
    public void process(Record<String, JobState> record) {
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
