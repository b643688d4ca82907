package dev.firelane.worker.internal;

import static dev.firelane.worker.testing.JobStateBuilder.aJobState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

/** How records of job-state change what the worker knows. Reading the topic itself is WorkerSkipTest's. */
class JobStateListenerTest {
    private static final String PREFIX = "t.";
    private static final String TOPIC = Topics.JOB_STATE.name(PREFIX);

    private final JobStateBook book = new JobStateBook();
    // never polled here: accept() is called directly
    private final JobStateListener listener = new JobStateListener(new MockConsumer<>("latest"), PREFIX, "w1", book);
    private long offset;

    @Test
    void an_applied_state_is_known_by_its_status_and_generation() {
        listener.accept(record("j", aJobState().job("j").paused().generation(7).build()));

        assertThat(book.known("j")).hasValue(new JobStateBook.Known(JobStatus.PAUSED, 7));
    }

    @Test
    void a_tombstone_forgets_the_job() {
        listener.accept(record("j", aJobState().job("j").paused().generation(7).build()));
        listener.accept(raw("j", null));

        assertThat(book.known("j")).isEmpty();
    }

    @Test
    void a_deleted_incarnation_s_late_state_after_its_tombstone_does_not_bring_the_job_back() {
        listener.accept(record("j", aJobState().job("j").active().generation(7).build()));
        listener.accept(raw("j", null));

        // a state of the deleted incarnation again, after its tombstone (a republication, a zombie writer)
        listener.accept(record("j", aJobState().job("j").paused().generation(8).build()));

        assertThat(book.known("j")).isEmpty();
    }

    @Test
    void an_unreadable_state_forgets_the_job_rather_than_keep_a_stale_pause() {
        listener.accept(record("j", aJobState().job("j").paused().generation(7).build()));
        listener.accept(raw("j", "{not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(book.known("j")).isEmpty();
    }

    @Test
    void a_record_without_a_key_changes_nothing() {
        listener.accept(record("j", aJobState().job("j").paused().generation(7).build()));
        listener.accept(new ConsumerRecord<>(TOPIC, 0, offset++, null,
                Topics.JOB_STATE.valueSerde().serializer().serialize(TOPIC, aJobState().job("j").active().generation(8).build())));

        assertThat(book.known("j")).hasValue(new JobStateBook.Known(JobStatus.PAUSED, 7));
    }

    private ConsumerRecord<byte[], byte[]> record(String key, JobState state) {
        return raw(key, Topics.JOB_STATE.valueSerde().serializer().serialize(TOPIC, state));
    }

    private ConsumerRecord<byte[], byte[]> raw(String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset++, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
