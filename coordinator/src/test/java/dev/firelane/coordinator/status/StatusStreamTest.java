package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StatusStreamTest {
    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");

    @Test
    void properties_force_at_least_once_its_own_group_and_the_dlq_handlers() {
        Properties base = new Properties();
        base.put(StreamsConfig.APPLICATION_ID_CONFIG, "firelane.fire");
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        Properties props = StatusStream.streamsProperties(base, StatusStreamConfig.builder().topicPrefix("x.").build());

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("x.status");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo("dev.firelane.coordinator.dlq.DeadLetterHandler");
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetteringProcessingHandler.class.getName());
    }

    @Test
    void default_application_id_is_the_prefix_and_status() {
        assertThat(StatusStreamConfig.defaults().applicationId()).isEqualTo("firelane.status");
    }

    @Test
    void stream_is_not_running_until_started() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        try (Database database = Database.open(TestDatabases.h2(), clock, StatusStream.MAPPERS);
             StatusStream stream = new StatusStream(base, StatusStreamConfig.builder().clock(clock).build(), database)) {
            assertThat(stream.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(stream.isRunning()).isFalse();
        }
    }
}
