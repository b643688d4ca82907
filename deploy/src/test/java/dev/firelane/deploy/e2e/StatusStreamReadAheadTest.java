package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.TopicAdmin;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.JobSpecs;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status stream's read-ahead on a real broker: a backlog many times larger than what it may hold, spread over
 * many partitions, is applied whole — the window never waits for a partition it stopped reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusStreamReadAheadTest {
    private static final String PREFIX = "ra.";
    private static final int PARTITIONS = 6;
    private KafkaTestCluster kafka;
    private Database database;

    @BeforeAll
    void start() {
        kafka = KafkaTestCluster.start();
        new TopicAdmin(kafka.admin()).ensureTopics(PREFIX, PARTITIONS, (short) 1);
        database = Database.open(TestDatabases.h2(), StatusStream.MAPPERS);
    }

    @AfterAll
    void stop() {
        database.close();
        kafka.close();
    }

    @Test
    void a_backlog_far_larger_than_the_read_ahead_is_applied_whole() throws Exception {
        int jobs = 60;
        int completions = 6_000;
        Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
        Map<String, List<ControlCommand>> creates = new java.util.LinkedHashMap<>();
        Map<String, List<RunEvent>> runs = new java.util.LinkedHashMap<>();
        for (int j = 0; j < jobs; j++) {
            String id = "ra-" + j;
            creates.put(id, List.of(new ControlCommand.Create("c-" + id, id, "test", t0, null,
                    JobSpecs.aJob(id).every("1h").build(), true)));
            runs.put(id, new ArrayList<>());
        }
        for (int i = 0; i < completions; i++) {
            String id = "ra-" + (i % jobs);
            Instant at = t0.plusSeconds(1 + i);
            runs.get(id).add(new RunEvent.Completed(FireIds.of(id, at, 1), id, "w", 1, at, at, at.plusMillis(3),
                    RunOutcome.OK, null, null));
        }
        kafka.sendAll(Topics.CONTROL, PREFIX, creates);
        kafka.sendAll(Topics.RUNS, PREFIX, runs);

        StatusStreamConfig config = StatusStreamConfig.builder().topicPrefix(PREFIX).maxBatchEvents(50).readAhead(60)
                .build();
        try (StatusStream stream = new StatusStream(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), config, database)) {
            stream.start();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(count("SELECT SUM(run_count) FROM jobs")).isEqualTo(completions));
        }
        assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(jobs);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
