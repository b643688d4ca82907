package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Learns jobs from {@code job-state} and, on a wall-clock punctuation, fires the due ones. "Now" is
 * the injected clock, not the punctuation timestamp, so tests and replays control time.
 */
final class SchedulerProcessor implements Processor<String, JobState, String, Fire> {
    private static final Logger log = LoggerFactory.getLogger(SchedulerProcessor.class);

    private final FireTopologyConfig config;
    private ProcessorContext<String, Fire> context;
    private ScheduleBook book;
    private Cancellable punctuation;

    SchedulerProcessor(FireTopologyConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Fire> context) {
        this.context = context;
        this.book = FireTopology.book(context, config);
        this.punctuation = context.schedule(config.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
                ignored -> fireDue());
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
        book.apply(jobId, state, config.clock().instant());
        log.trace("jobId={} applied status={}", jobId, state == null ? "tombstone" : state.status().wire());
    }

    private void fireDue() {
        Instant now = config.clock().instant();
        List<ScheduleEntry> due = book.due(now, config.maxFiresPerPunctuation());
        for (ScheduleEntry entry : due) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", entry.jobId())) {
                fire(entry, now);
            }
        }
    }

    private void fire(ScheduleEntry entry, Instant now) {
        Instant dueAt = entry.nextFireAt();
        if (!entry.isNew(dueAt)) {
            // never fire a schedule time twice, whatever put it back in the index
            log.warn("jobId={} due {} is not after last fired {}; skipped", entry.jobId(), dueAt, entry.lastScheduledAt());
            book.skip(entry, now);
            return;
        }
        Fire fire = Fires.firstAttempt(entry.job(), dueAt, now);
        context.forward(new Record<>(fire.jobId(), fire, now.toEpochMilli()));
        book.fired(entry, now);
        log.debug("fireId={} jobId={} fired scheduledAt={} firedAt={} generation={}",
                fire.fireId(), fire.jobId(), dueAt, now, fire.generation());
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
    }
}
