package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The batched status stream on a real broker and MariaDB, with no workers: the test writes fires and run events
 * itself. A database that fails holds the batch (nothing is dead-lettered, nothing skipped); records refused by
 * the apply code or by the database go to the dlq while the rest of their batch applies; a pause behind tens of
 * thousands of queued run events returns within the API's timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusStreamOnMariaDbTest {
    private static final String PREFIX = "ss.";
    private DatabaseConfig database;
    private CoordinatorStack stack;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    void start() {
        database = TestDatabases.mariaDb();
        stack = CoordinatorStack.start(PREFIX, 3, database);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Test
    void a_failing_database_holds_the_batch_and_dead_letters_nothing() throws Exception {
        create("outage");
        Instant at = Instant.parse("2026-06-01T00:00:00Z");
        execute("RENAME TABLE job_runs TO job_runs_away");
        try {
            send(Topics.FIRES, "outage", fire("outage", at));
            send(Topics.RUNS, "outage", completed("outage", at, RunOutcome.OK));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusStreamHealth())
                    .as("health while the table is away").contains("RETRYING").contains("job_runs"));
        } finally {
            execute("RENAME TABLE job_runs_away TO job_runs");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(stack.api().job("outage").path("runCount").asLong()).isEqualTo(1));
        assertThat(statusStreamHealth()).contains("RUNNING");
        assertThat(deadLetters()).noneMatch(letter -> new String(letter.value(), StandardCharsets.UTF_8).contains("outage"));
    }

    @Test
    void refused_records_go_to_the_dlq_and_the_rest_of_their_batch_applies() {
        for (String id : List.of("good-1", "good-2", "bad")) {
            create(id);
        }
        Instant at = Instant.parse("2026-06-02T00:00:00Z");
        Instant year10000 = Instant.parse("+10000-01-01T00:00:00Z");
        // refused by the apply code: a fire id of another job
        send(Topics.FIRES, "bad", new Fire("good-1@1", "bad", at, at, 1, "noop", null, null, 1));
        send(Topics.FIRES, "good-1", fire("good-1", at));
        // refused by the database: a time MariaDB's DATETIME cannot hold
        send(Topics.FIRES, "bad", new Fire(FireIds.of("bad", year10000, 1), "bad", year10000, year10000, 1, "noop", null,
                null, 1));
        send(Topics.RUNS, "good-1", completed("good-1", at, RunOutcome.OK));
        send(Topics.RUNS, "good-2", completed("good-2", at, RunOutcome.ERROR));
        producer.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(stack.api().job("good-1").path("runCount").asLong()).isEqualTo(1);
            assertThat(stack.api().job("good-2").path("lastRunStatus").asText()).isEqualTo("error");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters())
                .filteredOn(letter -> new String(letter.value(), StandardCharsets.UTF_8).contains("\"jobId\":\"bad\""))
                .extracting(DeadLetter::reason)
                .anySatisfy(reason -> assertThat(reason).contains("fireId 'good-1@1'"))
                .anySatisfy(reason -> assertThat(reason).contains("cannot be applied").containsIgnoringCase("datetime")));
        assertThat(stack.count("SELECT COUNT(*) FROM job_runs WHERE job_id = 'bad'")).isZero();
    }

    @Test
    void a_pause_behind_thirty_thousand_queued_run_events_returns_within_the_timeout() {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            jobs.add("busy-" + i);
            create("busy-" + i);
        }
        Instant start = Instant.parse("2026-06-03T00:00:00Z");
        for (int i = 0; i < 30_000; i++) {
            String job = jobs.get(i % jobs.size());
            send(Topics.RUNS, job, completed(job, start.plusMillis(i), RunOutcome.OK));
        }
        producer.flush();

        ApiClient.Reply paused = stack.api().post("/api/jobs/busy-7/pause", "{\"reason\":\"behind a backlog\"}");



        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(stack.api().job("busy-7").path("status").asText()).isEqualTo("paused");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(stack.count("SELECT SUM(run_count) FROM jobs WHERE id LIKE 'busy-%'")).isEqualTo(30_000));
        assertThat(stack.api().job("busy-7").path("status").asText()).as("completions never undo the pause")
                .isEqualTo("paused");
    }

    @Test
    void a_pause_behind_a_backlog_stops_the_job_s_fires_before_it_returns() {
        ApiClient.Reply created = stack.api().post("/api/jobs",
                "{\"id\":\"hot\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\",\"overlap\":\"allow\"}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> firesOf("hot") >= 2);
        Instant start = Instant.parse("2026-06-04T00:00:00Z");
        for (int i = 0; i < 30_000; i++) {
            String job = "ghost-" + (i % 50);
            send(Topics.RUNS, job, completed(job, start.plusMillis(i), RunOutcome.OK));
        }
        producer.flush();

        ApiClient.Reply paused = stack.api().post("/api/jobs/hot/pause", "{\"reason\":\"stop now\"}");
        Instant returned = Instant.now();

        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(paused.body().path("firingStopped").asBoolean()).as("the coordinator stopped firing it").isTrue();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> firedAfter("hot", returned) == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.api().metric("firelane_status_lag") == 0);
        assertThat(firedAfter("hot", returned)).as("fires emitted after the pause returned").isZero();
    }

    private long firedAfter(String job, Instant after) {
        String at = java.time.LocalDateTime.ofInstant(after, java.time.ZoneOffset.UTC).toString().replace('T', ' ');
        return stack.count("SELECT COUNT(*) FROM job_runs WHERE job_id = '" + job + "' AND fired_at > '" + at + "'");
    }

    private long firesOf(String job) {
        return stack.count("SELECT COUNT(*) FROM job_runs WHERE job_id = '" + job + "' AND fired_at IS NOT NULL");
    }


    private void create(String id) {
        ApiClient.Reply reply = stack.api().post("/api/jobs",
                "{\"id\":\"" + id + "\",\"scheduleKind\":\"every\",\"schedule\":\"1h\",\"handler\":\"noop\",\"paused\":true}");
        assertThat(reply.status()).as("create %s: %s", id, reply.body()).isEqualTo(201);
    }

    private static Fire fire(String job, Instant at) {
        return new Fire(FireIds.of(job, at, 1), job, at, at, 1, "noop", null, null, 1);
    }

    private static RunEvent.Completed completed(String job, Instant at, RunOutcome outcome) {
        return new RunEvent.Completed(FireIds.of(job, at, 1), job, "w", 1, at, at, at.plusMillis(5), outcome,
                outcome == RunOutcome.OK ? null : "failed", null);
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
        String name = topic.name(PREFIX);
        producer.send(new ProducerRecord<>(name, key.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(name, value)));
    }

    private String statusStreamHealth() {
        return stack.api().get("/health").body().path("components").path("statusStream").toString();
    }

    private List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DLQ.name(PREFIX)));
            for (int empty = 0; empty < 3; ) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(r -> letters.add(Topics.DLQ.valueSerde().deserializer().deserialize(r.topic(), r.value())));
                empty = polled.isEmpty() ? empty + 1 : 0;
            }
        }
        return letters;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
