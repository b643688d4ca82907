package dev.firelane.coordinator.status;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.RunEvent;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.MDC;

/** Applies each record of control, fires and runs, and forwards the resulting job states. */
final class StatusProcessor implements Processor<String, Object, String, JobState> {
    private final StatusApplier applier;
    private final ApplyRetry retry;
    private ProcessorContext<String, JobState> context;

    StatusProcessor(StatusApplier applier, ApplyRetry retry) {
        this.applier = applier;
        this.retry = retry;
    }

    @Override
    public void init(ProcessorContext<String, JobState> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Object> record) {
        Object event = record.value();
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("?");
        String jobId = StatusRecords.check(topic, record.key(), event);
        MDC.put("jobId", jobId);
        String fireId = fireIdOf(event);
        if (fireId != null) {
            MDC.put("fireId", fireId);
        }
        try {
            List<Publication> out = retry.call(jobId + " " + event.getClass().getSimpleName() + " from " + topic,
                    () -> applier.apply(List.of(event)));
            for (Publication publication : out) {
                context.forward(record.withKey(publication.jobId()).withValue(publication.state()));
            }
        } finally {
            MDC.remove("jobId");
            MDC.remove("fireId");
        }
    }

    private static String fireIdOf(Object event) {
        if (event instanceof Fire fire) {
            return fire.fireId();
        }
        if (event instanceof RunEvent run) {
            return run.fireId();
        }
        return event instanceof ControlCommand.Cancel cancel ? cancel.fireId() : null;
    }
}
