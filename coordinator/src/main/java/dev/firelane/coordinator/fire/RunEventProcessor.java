package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads workers' run events to know what is in flight: a {@code Started} confirms a run, a
 * {@code Completed} ends it or schedules its retry (and may release a queued fire).
 */
final class RunEventProcessor implements Processor<String, RunEvent, String, Fire> {
    private static final Logger log = LoggerFactory.getLogger(RunEventProcessor.class);

    private final FireTopologyConfig config;
    private FireEngine engine;

    RunEventProcessor(FireTopologyConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Fire> context) {
        this.engine = FireTopology.engine(context, config);
    }

    @Override
    public void process(Record<String, RunEvent> record) {
        RunEvent event = record.value();
        if (event == null || event instanceof RunEvent.Heartbeat) {
            return;
        }
        if (record.key() != null && !record.key().equals(event.jobId())) {
            log.warn("jobId={} fireId={} run event keyed {}; ignored", event.jobId(), event.fireId(), record.key());
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", event.jobId());
             MDC.MDCCloseable ignored2 = MDC.putCloseable("fireId", event.fireId())) {
            engine.onRunEvent(event, config.clock().instant());
        }
    }
}
