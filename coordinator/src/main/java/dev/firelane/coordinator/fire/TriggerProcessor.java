package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires an active job on a {@link ControlCommand.Trigger}. Every other command is the status
 * stream's business; the fire topology learns their effect from {@code job-state}.
 */
final class TriggerProcessor implements Processor<String, ControlCommand, String, Fire> {
    private static final Logger log = LoggerFactory.getLogger(TriggerProcessor.class);

    private final FireTopologyConfig config;
    private ProcessorContext<String, Fire> context;
    private ScheduleBook book;

    TriggerProcessor(FireTopologyConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Fire> context) {
        this.context = context;
        this.book = FireTopology.book(context, config);
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
        Optional<ScheduleEntry> entry = book.active(trigger.jobId());
        if (entry.isEmpty()) {
            log.info("jobId={} commandId={} trigger ignored: job unknown or not active",
                    trigger.jobId(), trigger.commandId());
            return;
        }
        Instant now = config.clock().instant();
        Fire fire = Fires.firstAttempt(entry.get().job(), trigger.requestedAt(), now);
        context.forward(new Record<>(fire.jobId(), fire, now.toEpochMilli()));
        log.debug("fireId={} jobId={} commandId={} triggered scheduledAt={} firedAt={}",
                fire.fireId(), fire.jobId(), trigger.commandId(), trigger.requestedAt(), now);
    }
}
