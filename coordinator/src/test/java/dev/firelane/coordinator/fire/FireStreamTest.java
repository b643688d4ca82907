package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.dlq.DeadLetterHandler;
import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.coordinator.testing.SettableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FireStreamTest {
    @TempDir
    Path stateDir;

    @Test
    void streams_properties_default_the_application_id_and_wire_the_dead_letter_handler() {
        SettableClock clock = SettableClock.at("2026-03-01T10:00:00Z");
        FireTopologyConfig config = FireTopologyConfig.builder().topicPrefix("acme.").clock(clock).build();

        Properties props = FireStream.streamsProperties(new Properties(), config);

        assertThat(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("acme.coordinator");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandler.class.getName());
        assertThat(props.get(DeadLetterHandler.TOPIC_PREFIX_CONFIG)).isEqualTo("acme.");
        assertThat(props.get(DeadLetterHandler.CLOCK_CONFIG)).isSameAs(clock);
    }

    @Test
    void caller_properties_win_except_the_processing_guarantee() {
        Properties base = new Properties();
        base.put(StreamsConfig.APPLICATION_ID_CONFIG, "my-coordinator");
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

        Properties props = FireStream.streamsProperties(base, FireTopologyConfig.builder().build());

        assertThat(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-coordinator");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(base.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).as("base untouched")
                .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void a_killed_coordinator_is_noticed_within_the_default_session_timeout_and_its_tasks_have_standbys() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        base.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");

        StreamsConfig byDefault = new StreamsConfig(FireStream.streamsProperties(base, FireTopologyConfig.builder().build()));
        base.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 30_000);
        base.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "coordinator-0");
        StreamsConfig tuned = new StreamsConfig(FireStream.streamsProperties(base, FireTopologyConfig.builder().build()));

        assertThat(byDefault.getMainConsumerConfigs("app", "client", 0))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, FireStream.DEFAULT_SESSION_TIMEOUT_MS)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, FireStream.DEFAULT_SESSION_TIMEOUT_MS / 4)
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(byDefault.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(tuned.getMainConsumerConfigs("app", "client", 0))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000)
                .as("static membership, one instance id per stream thread")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "coordinator-0-0");
    }

    @Test
    void streams_properties_poll_as_often_as_the_punctuation_leave_commits_to_the_pacer_and_batch() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");

        StreamsConfig byDefault = new StreamsConfig(FireStream.streamsProperties(base, FireTopologyConfig.builder().build()));
        StreamsConfig coarser = new StreamsConfig(FireStream.streamsProperties(base,
                FireTopologyConfig.builder().punctuationInterval(Duration.ofMillis(25)).build()));

        assertThat(byDefault.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(10L);
        assertThat(coarser.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(25L);
        assertThat(byDefault.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .as("a fallback: the punctuations ask for the commits, at the pacer's pace; exactly-once's 100 ms"
                        + " starved processing when commits were slow").isEqualTo(5_000L);
        var producer = byDefault.getProducerConfigs("client");
        assertThat(producer).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void a_caller_poll_wins_unless_it_is_longer_than_the_misfire_threshold() {
        Properties base = new Properties();
        base.put(StreamsConfig.POLL_MS_CONFIG, "50");
        assertThat(FireStream.streamsProperties(base, FireTopologyConfig.builder().build()))
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, "50");

        base.put(StreamsConfig.POLL_MS_CONFIG, "6000");
        assertThatThrownBy(() -> FireStream.streamsProperties(base, FireTopologyConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poll.ms 6000 ms")
                .hasMessageContaining("misfireThreshold");
    }

    @Test
    void fire_stream_is_not_running_before_start_and_closes_cleanly() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        FireStream stream = new FireStream(base, FireTopologyConfig.builder().build());
        assertThat(stream.state()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(stream.isRunning()).isFalse();

        stream.close(Duration.ofSeconds(5));
        assertThat(stream.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    @Test
    void due_set_gauge_is_registered_per_stream_unknown_until_running_and_removed_on_close() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        FireStream stream = new FireStream(base, FireTopologyConfig.builder().topicPrefix("acme.").meterRegistry(meters)
                .build());
        Gauge gauge = meters.get(MeterNames.DUE_SET_SIZE).tag("application", "acme.coordinator").gauge();
        assertThat(gauge.value()).as("not queryable before the stream runs").isNaN();

        stream.close(Duration.ofSeconds(5));
        assertThat(meters.find(MeterNames.DUE_SET_SIZE).gauges()).isEmpty();
    }

    @Test
    void config_has_the_documented_defaults_and_refuses_bad_values() {
        FireTopologyConfig defaults = FireTopologyConfig.builder().build();
        assertThat(defaults.topicPrefix()).isEqualTo("firelane.");
        assertThat(defaults.punctuationInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(defaults.maxFiresPerPunctuation()).isEqualTo(FireTopologyConfig.DEFAULT_MAX_FIRES_PER_PUNCTUATION);
        assertThat(defaults.calculator()).isNotNull();
        assertThat(defaults.misfireThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.inFlightGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.inFlightTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.retryBackoff().base()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.retryBackoff().max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.retryBackoff().jitter()).isEqualTo(0.2);
        assertThat(defaults.storeType()).isEqualTo(Materialized.StoreType.ROCKS_DB);

        assertThatThrownBy(() -> FireTopologyConfig.builder().punctuationInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("punctuationInterval");
        assertThatThrownBy(() -> FireTopologyConfig.builder().maxFiresPerPunctuation(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFiresPerPunctuation");
        assertThatThrownBy(() -> FireTopologyConfig.builder().punctuationInterval(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("misfireThreshold");
        assertThatThrownBy(() -> FireTopologyConfig.builder().inFlightTtl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inFlightTtl");
        assertThatThrownBy(() -> FireTopologyConfig.builder().inFlightGrace(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inFlightGrace");
        assertThatThrownBy(() -> FireTopologyConfig.builder().clock(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
    }
}
