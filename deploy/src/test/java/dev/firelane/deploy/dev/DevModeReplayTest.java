package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config <data-dir>/firelane.properties} against a running dev instance, its Kafka and its H2 database. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DevModeReplayTest {
    @TempDir
    Path dir;

    @Test
    void replay_reads_a_running_dev_instance_through_the_file_it_writes() throws Exception {
        try (DevMode dev = new DevMode(DevConfig.builder().dataDir(dir.resolve("data")).port(0).workers(0).build(), Clock.systemUTC()).start()) {
            String config = dev.configFile().toString();
            assertThat(dev.configFile()).isEqualTo(dir.resolve("data").resolve("firelane.properties").toAbsolutePath());
            assertThat(dev.banner()).contains(config);
            // straight onto control, as the API would: this test is about replay, not the API
            Instant now = Instant.now();
            JobSpec spec = JobSpec.of("tick", ScheduleKind.EVERY, "1h", "noop", null);
            try (KafkaProducer<String, ControlCommand> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", dev.bootstrapServers()), new StringSerializer(), Topics.CONTROL.valueSerde().serializer())) {
                String topic = Topics.CONTROL.name(Topics.DEFAULT_PREFIX);
                producer.send(new ProducerRecord<>(topic, "tick", new ControlCommand.Create("c-1", "tick", "dev", now, null, spec, false)));
                producer.send(new ProducerRecord<>(topic, "tick", new ControlCommand.Pause("c-2", "tick", "dev", now.plusMillis(1), "lunch")));
                producer.flush();
            }
            String url = "jdbc:h2:file:" + dir.resolve("data").resolve("db").resolve("firelane").toAbsolutePath()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
            await().atMost(Duration.ofSeconds(60)).until(() -> "paused".equals(status(url)));

            CliRun timeline = CliRun.run("replay", "timeline", "--job", "tick", "--config", config);
            assertThat(timeline.exitCode()).as(timeline.err()).isZero();
            assertThat(timeline.out()).contains("Create by dev: every 1h, handler noop").contains("Pause by dev \"lunch\"")
                    .contains("published paused, generation 2");

            String rebuilt = "jdbc:h2:file:" + dir.resolve("rebuilt") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
            CliRun rebuild = CliRun.run("replay", "rebuild", "--into", rebuilt, "--config", config);
            assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
            CliRun diff = CliRun.run("replay", "diff", "--rebuilt", rebuilt, "--config", config);
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
            assertThat(diff.out()).contains("jobs: 1 live rows, 1 rebuilt rows; no difference");

            CliRun check = CliRun.run("replay", "check", "--config", config);
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            assertThat(check.out()).contains("pause sticks:", "exactly-once effect:", "nothing lost:",
                    "replay equals live:          ok", "every invariant holds");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE jobs SET run_count = 42 WHERE id = 'tick'");
            }
            CliRun broken = CliRun.run("replay", "check", "--config", config);
            assertThat(broken.exitCode()).as(broken.out() + broken.err()).isEqualTo(6);
            assertThat(broken.out()).contains("exactly-once effect:         VIOLATED 1x",
                    "job tick: run_count 42 but 0 fires of incarnation 1 completed with a run", "invariants violated");
        }
    }

    private static String status(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM jobs WHERE id = 'tick'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
