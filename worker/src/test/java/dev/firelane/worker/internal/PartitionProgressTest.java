package dev.firelane.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("fires", 0));

    @Test
    void nothing_to_commit_before_a_record_arrives() {
        assertThat(progress.commitPoint()).isEmpty();
    }

    @Test
    void commits_only_past_the_contiguous_done_offsets() {
        progress.received(10);
        progress.received(11);
        progress.received(12);
        progress.done(11);
        progress.done(12);
        assertThat(progress.commitPoint()).isEqualTo(OptionalLong.of(10)); // 10 still runs
        progress.done(10);
        assertThat(progress.commitPoint()).isEqualTo(OptionalLong.of(13));
    }

    @Test
    void a_point_once_requested_is_not_offered_again_unless_its_commit_failed() {
        progress.received(0);
        progress.done(0);
        progress.requested(1);
        assertThat(progress.commitPoint()).isEmpty();
        progress.requestFailed(1);
        assertThat(progress.commitPoint()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void a_failed_commit_superseded_by_a_later_request_is_not_retried() {
        progress.received(0);
        progress.done(0);
        progress.requested(1);
        progress.received(1);
        progress.done(1);
        progress.requested(2);
        progress.requestFailed(1);
        assertThat(progress.commitPoint()).isEmpty();
    }
}
