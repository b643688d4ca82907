package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fire topology writes fires, and {@code abandoned} outcomes, in exactly-once transactions. A coordinator
 * that dies mid-transaction leaves them on the topics, aborted: they never happened, so neither the workers
 * nor the status stream may act on them. Here an aborted fire and an aborted abandoned outcome are followed,
 * on the same partition, by a committed fire: only the committed one reaches the database.
 */
class AbortedTransactionsEndToEndTest {
    private static final String JOB = "aborted-tx";
    private static FirelaneStack stack;

    @BeforeAll
    static void start() {
        stack = FirelaneStack.start(TestDatabases.h2());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void records_of_an_aborted_coordinator_transaction_never_reach_the_database() throws Exception {
        // paused: the coordinator itself fires nothing for it; the fires below are the only ones
        ApiClient.Reply created = stack.api().post("/api/jobs", "{\"id\":\"" + JOB + "\",\"scheduleKind\":\"every\","
                + "\"schedule\":\"1h\",\"handler\":\"noop\",\"paused\":true}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Fire aborted = fire(now.minusSeconds(2), now);
        Fire committed = fire(now.minusSeconds(1), now);

        try (KafkaProducer<String, Fire> fires = transactional("aborted-fires", Topics.FIRES.valueSerde().serializer());
             KafkaProducer<String, RunEvent> runs = transactional("aborted-runs", Topics.RUNS.valueSerde().serializer())) {
            fires.beginTransaction();
            fires.send(new ProducerRecord<>(Topics.FIRES.name(FirelaneStack.PREFIX), JOB, aborted)).get();
            fires.flush();
            fires.abortTransaction();
            runs.beginTransaction();
            runs.send(new ProducerRecord<>(Topics.RUNS.name(FirelaneStack.PREFIX), JOB, new RunEvent.Completed(
                    aborted.fireId(), JOB, "(none)", 1, aborted.scheduledAt(), now, now, RunOutcome.ABANDONED,
                    "no heartbeat", null))).get();
            runs.flush();
            runs.abortTransaction();
            fires.beginTransaction();
            fires.send(new ProducerRecord<>(Topics.FIRES.name(FirelaneStack.PREFIX), JOB, committed)).get();
            fires.commitTransaction();
        }

        // the committed fire is run by a worker and applied; the records before it on its partitions were read past
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fireIds(stack.api().runs(JOB))).contains(committed.fireId()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stack.api().job(JOB).path("runCount").asLong()).isEqualTo(1));
        assertThat(fireIds(stack.api().runs(JOB))).containsExactly(committed.fireId());
        JsonNode job = stack.api().job(JOB);
        assertThat(job.path("lastRunStatus").asText()).isEqualTo("ok");
        assertThat(job.path("status").asText()).isEqualTo("paused");
    }

    private static Fire fire(Instant scheduledAt, Instant firedAt) {
        return new Fire(FireIds.of(JOB, scheduledAt, 1), JOB, scheduledAt, firedAt, 1, "noop",
                JsonNodeFactory.instance.objectNode(), null, 1);
    }

    private static List<String> fireIds(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(run.path("fireId").asText()));
        return ids;
    }

    private static <V> KafkaProducer<String, V> transactional(String id, Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, FirelaneStack.PREFIX + id);
        KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(), values);
        producer.initTransactions();
        return producer;
    }
}
