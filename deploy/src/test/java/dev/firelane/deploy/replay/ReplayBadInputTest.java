package dev.firelane.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the replay commands say, and exit with, when the question cannot be answered as asked. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayBadInputTest {
    private static final String PREFIX = "bad.";
    /** Topics of their own: deleting records is per partition, whatever the keys. */
    private static final String RETAINED = "ret.";
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static KafkaTestCluster kafka;
    /** The record of bad.runs the stall test leaves unconsumed. */
    private static RecordMetadata startedOfY;

    @BeforeAll
    static void writeHistories() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(PREFIX, 3);
        kafka.createTopics(RETAINED, 3);
        try (TopicWriter topics = new TopicWriter(kafka.bootstrapServers(), PREFIX)) {
            topics.send(Topics.CONTROL, "x", create("x", "c-x", T0), T0);
            topics.sendRaw(Topics.RUNS, "x", "{not json".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1));
            topics.sendRaw(Topics.CONTROL, "x", null, T0.plusSeconds(2));
            startedOfY = topics.send(Topics.RUNS, "x", new RunEvent.Started("y@1", "y", "w-1", 1, T0, T0.plusSeconds(3)),
                    T0.plusSeconds(3));
            topics.send(Topics.CONTROL, "x", new ControlCommand.Pause("c-x2", "x", "alice", T0.plusSeconds(4), "why"), T0.plusSeconds(4));
        }
        try (TopicWriter topics = new TopicWriter(kafka.bootstrapServers(), RETAINED)) {
            // job "old": its Create is deleted from the topic, as retention would
            RecordMetadata created = topics.send(Topics.CONTROL, "old", create("old", "c-old", T0), T0);
            topics.send(Topics.CONTROL, "old", new ControlCommand.Pause("c-old2", "old", "bob", T0.plusSeconds(60), null),
                    T0.plusSeconds(60));
            TopicPartition tp = new TopicPartition(created.topic(), created.partition());
            kafka.admin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(created.offset() + 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void malformed_and_refused_records_show_in_the_timeline_as_what_went_to_the_dlq() {
        CliRun run = replay("timeline", "--job", "x");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains("control-").contains("Create by alice: every 1h, handler noop").endsWith("active");
        assertThat(lines.get(2)).contains("runs-").contains("malformed record, not applied (dlq): not JSON").endsWith("active");
        assertThat(lines.get(3)).contains("Tombstone refused, not applied (dlq): a record without a value (tombstone) on bad.control");
        assertThat(lines.get(4)).contains("Started refused, not applied (dlq): record key 'x' is not the jobId 'y'");
        assertThat(lines.get(5)).contains("Pause by alice \"why\"").endsWith("paused");
        assertThat(run.err()).as("nothing was deleted: no retention warning").isEmpty();
    }

    @Test
    void an_unknown_job_is_not_found() {
        CliRun timeline = replay("timeline", "--job", "ghost");
        assertThat(timeline.exitCode()).isEqualTo(3);
        assertThat(timeline.err()).startsWith("error: no record of job ghost on bad.control-").contains("bad.job-state-");

        assertThat(replay("state", "--job", "ghost", "--at", T0.toString()).exitCode()).isEqualTo(3);
        assertThat(replay("schedule", "--job", "ghost", "--from", T0.toString(), "--to", T0.plusSeconds(60).toString())
                .exitCode()).isEqualTo(3);
    }

    @Test
    void the_state_before_a_job_existed_is_not_found() {
        CliRun run = replay("state", "--job", "x", "--at", T0.minusSeconds(1).toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("job x did not exist at " + T0.minusSeconds(1));
    }

    @Test
    void from_after_to_and_instants_that_are_none_are_usage_errors() {
        CliRun reversed = replay("timeline", "--job", "x", "--from", "2026-11-03T00:00:00Z", "--to", "2026-11-02T00:00:00Z");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("--from 2026-11-03T00:00:00Z is after --to 2026-11-02T00:00:00Z");

        CliRun schedule = replay("schedule", "--job", "x", "--from", "2026-11-03T00:00:00Z", "--to", "2026-11-02T00:00:00Z");
        assertThat(schedule.exitCode()).isEqualTo(2);

        CliRun garbled = replay("state", "--job", "x", "--at", "yesterday");
        assertThat(garbled.exitCode()).isEqualTo(2);
        assertThat(garbled.err()).contains("--at 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void without_kafka_endpoints_it_says_what_to_give() {
        CliRun run = CliRun.run("replay", "timeline", "--job", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give --bootstrap HOST:PORT or --config FILE");
    }

    @Test
    void an_unreachable_broker_is_a_clear_error() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.run("replay", "timeline", "--job", "x", "--bootstrap", "127.0.0.1:" + closed, "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: cannot reach Kafka at 127.0.0.1:" + closed + ": no answer within 2 s");
    }

    @Test
    void a_wrong_topic_prefix_names_the_missing_topics() {
        CliRun run = CliRun.run("replay", "timeline", "--job", "x", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", "nope.");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no topic nope.control, nope.fires, nope.runs, nope.job-state")
                .contains("is the topic prefix 'nope.' right?");
    }

    @Test
    void a_window_older_than_the_topics_retain_is_said_on_stderr() {
        CliRun run = CliRun.run("replay", "timeline", "--job", "old", "--from", T0.toString(), "--bootstrap",
                kafka.bootstrapServers(), "--topic-prefix", RETAINED);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: the requested window starts at " + T0 + ", which is older than what ret.control-")
                .contains("retains (records from " + T0.plusSeconds(60) + " on")
                .contains("were deleted by retention");
        assertThat(run.out()).contains("Pause by bob -> rejected: job old does not exist");
    }

    /**
     * A status stream whose group stopped before one record of {@code runs} (weeks old by now): the checker names the
     * group, the partition, the offset and the record; groups that committed nothing are said to be not checked.
     */
    @Test
    void check_reports_a_record_a_group_left_unconsumed_as_a_stalled_partition() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : List.of("control", "fires", "runs")) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(PREFIX + topic, p)).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            kafka.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
        }
        TopicPartition stuck = new TopicPartition(startedOfY.topic(), startedOfY.partition());
        offsets.put(stuck, new OffsetAndMetadata(startedOfY.offset()));
        kafka.admin().alterConsumerGroupOffsets(PREFIX + "status", offsets).all().get(30, TimeUnit.SECONDS);

        CliRun run = replay("check", "--no-rebuild", "--worker-group", "bad-workers");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(6);
        assertThat(run.out()).containsPattern("(?m)^no partition stalls:\\s+VIOLATED 1x \\(9 checked\\); stalled: a record"
                        + " unconsumed for more than 2m; not checked \\(no offsets committed\\): bad-workers, bad.coordinator$")
                .contains("  job x: group bad.status has not consumed runs-" + stuck.partition() + " past offset "
                        + startedOfY.offset() + " for ")
                .contains("runs-" + stuck.partition() + "@" + startedOfY.offset() + " " + T0.plusSeconds(3) + " Started on w-1");
    }

    private static ControlCommand.Create create(String jobId, String commandId, Instant at) {
        JobSpec spec = JobSpec.of(jobId, ScheduleKind.EVERY, "1h", "noop", null);
        return new ControlCommand.Create(commandId, jobId, "alice", at, null, spec, false);
    }

    private static CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--topic-prefix", PREFIX));
        return CliRun.run(all.toArray(String[]::new));
    }
}
