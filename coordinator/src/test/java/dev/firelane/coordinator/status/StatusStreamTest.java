package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class StatusStreamTest {
    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");

    @Test
    void consumer_reads_committed_in_its_own_group_co_partitioned_and_commits_itself() {
        Map<String, Object> base = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "firelane.coordinator",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092");

        Map<String, Object> props = StatusStream.consumerProperties(base,
                StatusStreamConfig.builder().topicPrefix("x.").maxBatchEvents(1234).build());

        assertThat(props).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "x.status")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1234)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092");
    }

    @Test
    void producer_is_idempotent_and_acknowledged_by_all_replicas() {
        Map<String, Object> props = StatusStream.producerProperties(Map.of(ProducerConfig.ACKS_CONFIG, "1"),
                StatusStreamConfig.defaults());

        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void default_application_id_is_the_prefix_and_status() {
        assertThat(StatusStreamConfig.defaults().applicationId()).isEqualTo("firelane.status");
    }

    @Test
    void stream_is_not_running_until_started() {
        Map<String, Object> base = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        try (Database database = Database.open(TestDatabases.h2(), StatusStream.MAPPERS);
             StatusStream stream = new StatusStream(base, StatusStreamConfig.builder().clock(clock).build(), database)) {
            assertThat(stream.state()).isEqualTo("CREATED");
            assertThat(stream.isRunning()).isFalse();
        }
    }
}
