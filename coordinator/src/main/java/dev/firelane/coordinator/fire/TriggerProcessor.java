package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fires an active job on a {@link ControlCommand.Trigger}, under its overlap policy. {@code Pause} and
 * {@code Delete} are read beside it by the {@link HoldProcessor}; every other command is the status stream's
 * business, and the fire topology learns its effect from {@code job-state}.
 */
final class TriggerProcessor implements Processor<String, ControlCommand, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(TriggerProcessor.class);

    private final FireTopologyConfig config;
    private FireEngine engine;

    TriggerProcessor(FireTopologyConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.engine = FireTopology.engine(context, config);
    }

    @Override
    public void process(Record<String, ControlCommand> record) {
        if (!(record.value() instanceof ControlCommand.Trigger trigger)) {
            return;
        }
        if (record.key() != null && !record.key().equals(trigger.jobId())) {
            log.warn("jobId={} commandId={} trigger keyed {}; ignored", trigger.jobId(), trigger.commandId(), record.key());
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", trigger.jobId())) {
            engine.onTrigger(trigger, config.clock().instant());
        }
    }
}
