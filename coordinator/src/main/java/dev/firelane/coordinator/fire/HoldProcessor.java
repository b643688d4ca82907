package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The pause fast path: on a {@link ControlCommand.Pause} or {@link ControlCommand.Delete}, holds the job's
 * firing at once, ahead of the status stream (see {@link Hold}). The fire topology's only reader of
 * {@code control}: every other command, triggers included, is decided by the status stream, and the fire topology
 * learns its effect from {@code job-state}.
 */
final class HoldProcessor implements Processor<String, ControlCommand, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(HoldProcessor.class);

    private final FireTopologyConfig config;
    private final CommitPacer pacer;
    private FireEngine engine;

    HoldProcessor(FireTopologyConfig config, CommitPacer pacer) {
        this.config = config;
        this.pacer = pacer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.engine = FireTopology.engine(context, config, pacer);
    }

    @Override
    public void process(Record<String, ControlCommand> record) {
        pacer.observe();
        ControlCommand command = record.value();
        if (command == null || !Hold.isHoldCommand(command)) {
            return;
        }
        if (record.key() != null && !record.key().equals(command.jobId())) {
            log.warn("jobId={} commandId={} {} keyed {}; ignored", command.jobId(), command.commandId(),
                    command.kind(), record.key());
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", command.jobId())) {
            engine.onHoldCommand(command);
        }
        config.holdBoard().saw(command);
        config.witness().saw(command.commandId());
    }
}
