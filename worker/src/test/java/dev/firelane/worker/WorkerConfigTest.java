package dev.firelane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    @Test
    void defaults_apply_to_everything_but_the_bootstrap_servers() {
        WorkerConfig config = WorkerConfig.builder("kafka:9092").build();
        assertThat(config.topicPrefix()).isEqualTo(Topics.DEFAULT_PREFIX);
        assertThat(config.groupId()).isEqualTo(WorkerConfig.DEFAULT_GROUP_ID);
        assertThat(config.maxConcurrentRuns()).isEqualTo(WorkerConfig.DEFAULT_MAX_CONCURRENT_RUNS);
        assertThat(config.drainTimeout()).isEqualTo(WorkerConfig.DEFAULT_DRAIN_TIMEOUT);
        assertThat(config.workerId()).matches(".+-" + ProcessHandle.current().pid() + "-[0-9a-f]{4}");
    }

    @Test
    void bad_values_are_refused_when_built() {
        assertThatThrownBy(() -> WorkerConfig.builder(" ").build()).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> WorkerConfig.builder("k:9092").maxConcurrentRuns(0).build())
                .hasMessageContaining("maxConcurrentRuns");
        assertThatThrownBy(() -> WorkerConfig.builder("k:9092").drainTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("drainTimeout");
        assertThatThrownBy(() -> WorkerConfig.builder("k:9092").groupId("").build()).hasMessageContaining("groupId");
    }

    @Test
    void extra_consumer_properties_cannot_turn_on_auto_commit_or_read_uncommitted() {
        assertThatThrownBy(() -> WorkerConfig.builder("k:9092").consumerProperty("enable.auto.commit", "true").build())
                .hasMessageContaining("enable.auto.commit must be false");
        assertThatThrownBy(() -> WorkerConfig.builder("k:9092").consumerProperty("isolation.level", "read_uncommitted").build())
                .hasMessageContaining("isolation.level must be read_committed");
    }

    @Test
    void client_settings_put_the_workers_guarantees_over_the_extras() {
        WorkerConfig config = WorkerConfig.builder("k:9092").workerId("w1")
                .consumerProperty("max.poll.records", 50)
                .producerProperty("linger.ms", "20")
                .build();
        Properties consumer = ClientSettings.consumer(config);
        assertThat(consumer).containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.poll.records", 50)
                .containsEntry("group.id", WorkerConfig.DEFAULT_GROUP_ID);
        Properties producer = ClientSettings.producer(config);
        assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("linger.ms", "20");
    }

    @Test
    void a_static_member_joins_under_its_worker_id_and_the_topic_readers_never_do() {
        WorkerConfig stable = WorkerConfig.builder("k:9092").workerId("worker-3").staticMembership(true).build();

        assertThat(ClientSettings.consumer(stable)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "worker-3");
        assertThat(ClientSettings.consumer(WorkerConfig.builder("k:9092").workerId("worker-3").build()))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(ClientSettings.control(stable)).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(ClientSettings.jobState(stable)).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void fires_are_fetched_as_soon_as_one_is_there_and_the_topic_readers_never_wait_to_batch() {
        assertThat(ClientSettings.consumer(WorkerConfig.builder("k:9092").build())).containsEntry("fetch.min.bytes", 1);
        WorkerConfig batching = WorkerConfig.builder("k:9092").workerId("w1").consumerProperty("fetch.min.bytes", 65536)
                .consumerProperty("group.id", "ignored").build();
        assertThat(ClientSettings.consumer(batching)).as("a deliberate trade of start latency")
                .containsEntry("fetch.min.bytes", 65536);
        for (Properties tail : new Properties[] {ClientSettings.control(batching), ClientSettings.jobState(batching)}) {
            assertThat(tail).containsEntry("fetch.min.bytes", 1).containsEntry("auto.offset.reset", "latest")
                    .doesNotContainKey("group.id");
        }
        assertThat(ClientSettings.jobState(batching)).containsEntry("client.id", "w1-job-state");
    }

    @Test
    void the_logged_form_hides_secrets() {
        WorkerConfig config = WorkerConfig.builder("k:9092")
                .consumerProperty("sasl.jaas.config", "PlainLoginModule required password=\"hunter2\";").build();
        assertThat(config.toString()).doesNotContain("hunter2").contains("sasl.jaas.config=****");
    }
}
