package dev.firelane.coordinator.status;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import dev.firelane.protocol.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that was read but can never be applied ({@link UnappliableEventException}) to the dlq
 * with the original bytes and the reason, and lets the partition go on. Any other failure (the database
 * is unreachable) fails the stream thread, which the uncaught-exception handler replaces; the record is
 * then read again, never skipped. Configured by the keys of {@link DeadLetterHandler#configs}.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);

    private String dlqTopic = Topics.DLQ.name(Topics.DEFAULT_PREFIX);
    private String component = "status-stream";
    private Clock clock = Clock.systemUTC();

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(DeadLetterHandler.TOPIC_PREFIX_CONFIG);
        if (prefix != null) {
            dlqTopic = Topics.DLQ.name(prefix.toString());
        }
        Object who = configs.get(DeadLetterHandler.COMPONENT_CONFIG);
        if (who != null) {
            component = who.toString();
        }
        if (configs.get(DeadLetterHandler.CLOCK_CONFIG) instanceof Clock configured) {
            clock = configured;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        UnappliableEventException unappliable = find(exception);
        if (unappliable == null) {
            log.error("{}-{}@{} not applied; failing the thread so that it is retried", context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.fail();
        }
        String reason = unappliable.getMessage();
        log.warn("{}-{}@{} rejected to {}: {}", context.topic(), context.partition(), context.offset(), dlqTopic, reason);
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(context.topic(), context.partition(),
                context.offset(), context.sourceRawKey(), context.sourceRawValue());
        return Response.resume(List.of(DeadLetterHandler.deadLetter(source, reason, component, clock.instant(), dlqTopic)));
    }

    private static UnappliableEventException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnappliableEventException unappliable) {
                return unappliable;
            }
        }
        return null;
    }
}
