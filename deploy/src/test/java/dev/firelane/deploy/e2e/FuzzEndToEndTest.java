package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.JsonFuzz;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 7 under fuzzing, on a real broker: 5,000 malformed REST bodies and 5,000 malformed control records
 * (truncated, bad UTF-8, wrong types, huge fields, unknown kinds, missing fields, deep nesting, no JSON at all,
 * from {@link JsonFuzz}, seeded). No body gets a 5xx; each refused one gets a 4xx naming what is wrong. No control
 * record crashes a component or stalls its partition: the status stream and the fire topology read all of them
 * (their committed offsets reach the end), every dead letter has a reason, and a job created afterwards runs.
 */
class FuzzEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(FuzzEndToEndTest.class);
    private static final int CASES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void malformed_rest_bodies_get_a_4xx_with_a_reason_never_a_5xx() throws Exception {
        assertThat(stack.api().post("/api/jobs", create("fuzz-target")).status()).isEqualTo(201);
        String[][] targets = {
            {"POST", "/api/jobs?wait=false", create("fz")},
            {"PUT", "/api/jobs/fuzz-target?wait=false", create("fuzz-target")},
            {"POST", "/api/jobs/fuzz-target/pause?wait=false", "{\"reason\":\"fuzz\"}"},
            {"POST", "/api/jobs/bulk?dryRun=true", "[" + create("fz-a") + "," + create("fz-b") + "]"},
        };
        JsonFuzz fuzz = new JsonFuzz(20261203L);
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String[] target = targets[i % targets.length];
            byte[] body = fuzz.mutate(target[2].replace("\"fz\"", "\"fz-" + i + "\""));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + target[1]))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .method(target[0], HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null && failures.size() < 10) {
                failures.add("case " + i + " " + target[0] + " " + target[1] + ": " + problem + "; body "
                        + abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
        }
        log.info("{} fuzzed REST bodies by status: {}", CASES, byStatus);
        assertThat(failures).as("answers by status %s", byStatus).isEmpty();
        assertThat(byStatus.keySet()).as("most are refused").contains(400);
        assertThat(stack.api().get("/health").status()).isEqualTo(200);
    }

    @Test
    void malformed_control_records_go_to_the_dlq_with_a_reason_and_no_partition_stalls() throws Exception {
        String control = Topics.CONTROL.name(FirelaneStack.PREFIX);
        JsonFuzz fuzz = new JsonFuzz(42L);
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (int i = 0; i < CASES; i++) {
                String key = "fz-k" + (i % 12);
                String seed = new String(Topics.CONTROL.valueSerde().serializer().serialize(control, command(i, key)),
                        StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(control, key.getBytes(StandardCharsets.UTF_8), fuzz.mutate(seed)));
            }
            producer.flush();
        }

        // every component read every record: their committed offsets on control reach its end
        String statusGroup = StatusStreamConfig.builder().topicPrefix(FirelaneStack.PREFIX).build().applicationId();
        String fireGroup = FirelaneStack.PREFIX + FireStream.DEFAULT_APPLICATION_ID_SUFFIX;
        await("the status stream and the fire topology read every control record").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(lag(statusGroup, control)).as("status stream lag").isZero();
                    assertThat(lag(fireGroup, control)).as("fire topology lag").isZero();
                });
        // and go on working: a job created now runs
        assertThat(stack.api().post("/api/jobs", "{\"id\":\"after-fuzz\",\"scheduleKind\":\"every\",\"schedule\":\"1s\","
                + "\"handler\":\"noop\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(stack.api().job("after-fuzz").path("runCount").asLong()).isPositive());

        List<DeadLetter> letters = stack.kafka().readValues(Topics.DLQ, FirelaneStack.PREFIX).stream()
                .map(DeadLetter.class::cast).filter(l -> l.sourceTopic().equals(control)).toList();
        assertThat(letters).as("dead letters of control").isNotEmpty().allSatisfy(letter -> {
            assertThat(letter.reason()).isNotBlank();
            assertThat(letter.rejectedBy()).isNotBlank();
        });
        Map<String, Long> byComponent = letters.stream().collect(Collectors.groupingBy(DeadLetter::rejectedBy, Collectors.counting()));
        long audited = stack.count("SELECT COUNT(*) FROM job_commands WHERE command_id LIKE 'fz-%'");
        log.info("{} fuzzed control records: dead letters by component {}, {} read as commands and audited", CASES,
                byComponent, audited);
        assertThat(stack.api().get("/health").status()).isEqualTo(200);
    }

    private static String create(String id) {
        return "{\"id\":\"" + id + "\",\"scheduleKind\":\"every\",\"schedule\":\"1h\",\"timeZone\":\"UTC\","
                + "\"handler\":\"noop\",\"payload\":{\"n\":1},\"maxErrors\":3,\"overlap\":\"skip\",\"paused\":true}";
    }

    /** A seed command of every kind, with a fresh command id. */
    private static ControlCommand command(int i, String key) {
        String id = "fz-" + i;
        Instant at = Instant.parse("2026-12-03T10:00:00Z").plusMillis(i);
        JobSpec spec = JobSpec.of(key, ScheduleKind.EVERY, "1h", "noop", null);
        return switch (i % 7) {
            case 0 -> new ControlCommand.Create(id, key, "fuzz", at, "r", spec, true);
            case 1 -> new ControlCommand.Update(id, key, "fuzz", at, "r", spec);
            case 2 -> new ControlCommand.Pause(id, key, "fuzz", at, "r");
            case 3 -> new ControlCommand.Resume(id, key, "fuzz", at, "r");
            case 4 -> new ControlCommand.Trigger(id, key, "fuzz", at, "r");
            case 5 -> new ControlCommand.Cancel(id, key, "fuzz", at, "r", key + "@1");
            default -> new ControlCommand.Delete(id, key, "fuzz", at, "r");
        };
    }

    /** Null if the answer is acceptable: below 500, and a refusal is JSON naming what is wrong. */
    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "status " + status + " " + abbreviate(response.body());
        }
        if (status < 400) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.path("error").asText().isBlank() || body.path("message").asText().isBlank()) {
                return "status " + status + " without error and message: " + abbreviate(response.body());
            }
            return null;
        } catch (Exception e) {
            return "status " + status + " with a body that is not JSON: " + abbreviate(response.body());
        }
    }

    private static long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = stack.kafka().admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < stack.kafka().admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().size(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = stack.kafka().admin().listOffsets(latest).all().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
