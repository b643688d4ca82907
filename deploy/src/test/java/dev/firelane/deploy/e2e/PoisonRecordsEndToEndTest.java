package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

/**
 * Invariant 7 on a real broker: a malformed record on any input topic goes to the dlq with a reason,
 * and the records behind it on the same partition are still processed by every component.
 */
class PoisonRecordsEndToEndTest {
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
    void poison_records_go_to_the_dlq_and_the_partition_goes_on() {
        String key = "poisoned";
        List<String> inputs = List.of(Topics.CONTROL, Topics.JOB_STATE, Topics.FIRES, Topics.RUNS).stream()
                .map(topic -> topic.name(FirelaneStack.PREFIX)).toList();
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (String topic : inputs) {
                producer.send(new ProducerRecord<>(topic, bytes(key), bytes("{not json"))).get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        // Same key, so the same partitions: the job only runs if every component got past its poison record.
        ApiClient.Reply created = stack.api().post("/api/jobs",
                "{\"id\":\"" + key + "\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\"}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(stack.api().job(key).path("runCount").asLong()).isGreaterThanOrEqualTo(2));

        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            consumer.subscribe(List.of(Topics.DLQ.name(FirelaneStack.PREFIX)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r ->
                        letters.add(Topics.DLQ.valueSerde().deserializer().deserialize(r.topic(), r.value())));
                assertThat(letters).extracting(DeadLetter::sourceTopic).containsAll(inputs);
            });
        }
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.reason()).contains("not JSON");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(letter.rejectedBy()).isNotBlank();
        });
        // fires are read by two components (workers and the status stream): each rejects it on its own
        assertThat(letters).filteredOn(l -> l.sourceTopic().equals(Topics.FIRES.name(FirelaneStack.PREFIX))).hasSize(2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer() {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
