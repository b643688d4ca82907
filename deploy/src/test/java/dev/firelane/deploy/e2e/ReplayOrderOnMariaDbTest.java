package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay equals live when a record stamped before a command becomes readable only after the command was applied
 * — the race the chaos suite found: a fire in a fire-topology transaction that commits after the status stream
 * has applied a later-stamped delete (it takes a partition read to its committed end as read past the command). Live
 * the delete applies first and the fire is history only; by timestamps alone replay would apply the fire first,
 * and the rebuilt row's {@code last_fire_id} would differ. The status stream records where it applied the delete
 * ({@code applied}), and replay applies it there.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplayOrderOnMariaDbTest {
    private static final String JOB = "late-fire";
    private static DatabaseConfig database;
    private static FirelaneStack stack;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void start() {
        database = TestDatabases.mariaDb();
        stack = FirelaneStack.start(database);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void a_fire_committed_after_a_later_stamped_delete_was_applied_is_replayed_after_it() throws Exception {
        // a schedule that fires nothing during the test: the fire below is the only one
        ApiClient.Reply created = stack.api().post("/api/jobs", "{\"id\":\"" + JOB + "\",\"scheduleKind\":\"cron\","
                + "\"schedule\":\"0 0 1 1 *\",\"handler\":\"noop\"}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        Instant stamped = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Fire late = new Fire(FireIds.of(JOB, stamped, 1), JOB, stamped, stamped, 1, "noop",
                JsonNodeFactory.instance.objectNode(), null, 1);

        String deleteCommand;
        try (KafkaProducer<String, Fire> fires = transactional()) {
            fires.beginTransaction();
            fires.send(new ProducerRecord<>(Topics.FIRES.name(FirelaneStack.PREFIX), null, stamped.toEpochMilli(), JOB,
                    late)).get();
            fires.flush();
            // stamped after the fire, applied while the fire's transaction is still open
            ApiClient.Reply deleted = stack.api().delete("/api/jobs/" + JOB, "{\"reason\":\"late fire\"}");
            assertThat(deleted.status()).as("delete: %s", deleted.body()).isEqualTo(200);
            deleteCommand = deleted.body().path("commandId").asText();
            assertThat(stack.count("SELECT COUNT(*) FROM jobs WHERE id = '" + JOB + "' AND status = 'deleted'")).isOne();
            fires.commitTransaction();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.count("SELECT COUNT(*) FROM job_runs WHERE fire_id = '"
                + late.fireId() + "' AND fired_at IS NOT NULL AND finished_at IS NOT NULL") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.kafka().uncommitted(
                FirelaneStack.PREFIX + "status", Topics.RUNS.name(FirelaneStack.PREFIX)).isEmpty());

        List<ConsumerRecord<String, CommandPlacement>> placements = stack.kafka().readAll(Topics.APPLIED, FirelaneStack.PREFIX);
        assertThat(placements).extracting(r -> r.value().commandId()).contains(deleteCommand);
        CommandPlacement delete = placements.stream().map(ConsumerRecord::value)
                .filter(p -> p.commandId().equals(deleteCommand)).findFirst().orElseThrow();
        assertThat(delete.firesOffset()).as("the fire was not readable when the delete was applied").isNotNegative();
        assertThat(stack.count("SELECT fires_offset FROM job_commands WHERE command_id = '" + deleteCommand + "'"))
                .as("the place is recorded with the command").isEqualTo(delete.firesOffset());
        assertThat(stack.count("SELECT COUNT(*) FROM jobs WHERE id = '" + JOB + "' AND last_fire_id IS NULL"))
                .as("live, the fire came after the delete: history only").isOne();

        String rebuilt = "jdbc:h2:file:" + scratch.resolve("rebuilt") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        CliRun rebuild = replay("rebuild", "--into", rebuilt);
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        CliRun diff = replay("diff", "--rebuilt", rebuilt);
        assertThat(diff.out()).as(diff.out() + diff.err()).contains("jobs: 1 live rows, 1 rebuilt rows; no difference")
                .contains("job_runs: 1 live rows, 1 rebuilt rows; no difference");
        assertThat(diff.exitCode()).as(diff.out()).isZero();
    }

    private static KafkaProducer<String, Fire> transactional() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, FirelaneStack.PREFIX + "late-fires");
        KafkaProducer<String, Fire> producer = new KafkaProducer<>(p, new StringSerializer(),
                Topics.FIRES.valueSerde().serializer());
        producer.initTransactions();
        return producer;
    }

    private static CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrapServers(), "--topic-prefix", FirelaneStack.PREFIX,
                "--jdbc", database.jdbcUrl(), "--db-user", database.user()));
        return CliRun.run(all.toArray(String[]::new));
    }
}
