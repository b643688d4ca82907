package dev.firelane.coordinator.fire;

import dev.firelane.protocol.RunEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads workers' run events to know what is in flight: a {@code Started} or {@code Heartbeat} keeps a run
 * alive, a {@code Completed} ends it or schedules its retry (and may release a queued fire). It also reads
 * back the {@code abandoned} completions the topology itself published, and ignores them (their attempt is
 * no longer running).
 */
final class RunEventProcessor implements Processor<String, RunEvent, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(RunEventProcessor.class);

    private final FireTopologyConfig config;
    private final CommitPacer pacer;
    private final InputLag lag;
    private FireEngine engine;

    RunEventProcessor(FireTopologyConfig config, CommitPacer pacer, InputLag lag) {
        this.config = config;
        this.pacer = pacer;
        this.lag = lag;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.engine = FireTopology.engine(context, config, pacer);
    }

    @Override
    public void process(Record<String, RunEvent> record) {
        pacer.observe();
        engine.onRunsRecord(record.timestamp());
        lag.read(record.timestamp(), config.clock().millis());
        RunEvent event = record.value();
        if (event == null) {
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
