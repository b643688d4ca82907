package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetteringProcessingHandlerTest {
    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    private final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();
    private final Record<Object, Object> record = new Record<>("job-1", "value", 0L);

    DeadLetteringProcessingHandlerTest() {
        handler.configure(DeadLetterHandler.configs("p.", StatusStream.COMPONENT, clock));
    }

    @Test
    void unappliable_event_goes_to_the_dlq_and_processing_resumes() {
        ProcessingExceptionHandler.Response response = handler.handleError(context(),
                record, new UnappliableEventException("record key 'x' is not the jobId 'job-1'"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
        assertThat(out.topic()).isEqualTo("p.dlq");
        DeadLetter letter = Topics.DLQ.valueSerde().deserializer().deserialize(out.topic(), out.value());
        assertThat(letter.reason()).isEqualTo("record key 'x' is not the jobId 'job-1'");
        assertThat(letter.sourceTopic()).isEqualTo("p.control");
        assertThat(letter.offset()).isEqualTo(42);
        assertThat(letter.rejectedAt()).isEqualTo(clock.instant());
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("raw");
    }

    @Test
    void any_other_failure_fails_the_thread_so_the_record_is_read_again() {
        ProcessingExceptionHandler.Response response = handler.handleError(context(), record,
                new IllegalStateException("database unreachable"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() {
                return "p.control";
            }

            public int partition() {
                return 3;
            }

            public long offset() {
                return 42;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "status-apply";
            }

            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return "job-1".getBytes(StandardCharsets.UTF_8);
            }

            public byte[] sourceRawValue() {
                return "raw".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
