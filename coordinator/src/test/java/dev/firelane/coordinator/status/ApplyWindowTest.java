package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.replay.ApplyOrder;
import dev.firelane.coordinator.replay.RecordQueue;
import dev.firelane.coordinator.replay.ReplayRecord;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ApplyWindowTest {
    private static final List<Topic<String, ?>> INPUTS = StatusStream.INPUTS;
    private final Events events = new Events();

    /** One raw record of an input topic. */
    private record Raw(int rank, long offset, long timestamp, String key, Object event, byte[] bytes) {
        ConsumerRecord<byte[], byte[]> consumerRecord() {
            ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(INPUTS.get(rank).name("p."), 0, offset, timestamp,
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0,
                    key.getBytes(StandardCharsets.UTF_8), bytes, new org.apache.kafka.common.header.internals.RecordHeaders(),
                    java.util.Optional.empty());
            return r;
        }
    }

    private final List<List<Raw>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    @SuppressWarnings("unchecked")
    private Raw append(int rank, long timestamp, String key, Object event) {
        List<Raw> partition = partitions.get(rank);
        Topic<String, Object> topic = (Topic<String, Object>) INPUTS.get(rank);
        byte[] bytes = event == null ? "{not json".getBytes(StandardCharsets.UTF_8)
                : topic.valueSerde().serializer().serialize("t", event);
        Raw raw = new Raw(rank, partition.size(), timestamp, key, event, bytes);
        partition.add(raw);
        return raw;
    }

    private static ApplyWindow window() {
        ApplyWindow window = new ApplyWindow();
        for (int rank = 0; rank < 3; rank++) {
            window.assign(new TopicPartition(INPUTS.get(rank).name("p."), 0), rank);
        }
        return window;
    }

    /** Feeds the first {@code upTo[rank]} records of each partition not fed yet; a partition fed whole is caught up. */
    private void feed(ApplyWindow window, int[] fed, int[] upTo) {
        for (int rank = 0; rank < 3; rank++) {
            InputQueue queue = window.queue(new TopicPartition(INPUTS.get(rank).name("p."), 0));
            List<Raw> partition = partitions.get(rank);
            for (; fed[rank] < Math.min(upTo[rank], partition.size()); fed[rank]++) {
                queue.add(InputRecord.decode(partition.get(fed[rank]).consumerRecord(), INPUTS.get(rank), rank,
                        queue.orderTime()));
            }
            queue.caughtUp(fed[rank] == partition.size());
        }
    }

    private static List<String> taken(ApplyWindow window, int limit) {
        List<String> out = new ArrayList<>();
        for (InputRecord record : window.next(limit)) {
            record.markDone();
            out.add(record.partition().topic().substring(2) + "@" + record.offset());
        }
        window.queues().forEach(InputQueue::dropDone);
        return out;
    }

    private String keyOf(String position) {
        String[] parts = position.split("@");
        int rank = List.of("control", "fires", "runs").indexOf(parts[0]);
        return partitions.get(rank).get(Integer.parseInt(parts[1])).key();
    }

    private List<String> replayOrder() {
        List<RecordQueue> queues = new ArrayList<>();
        for (int rank = 0; rank < 3; rank++) {
            List<ReplayRecord> records = new ArrayList<>();
            for (Raw raw : partitions.get(rank)) {
                String base = INPUTS.get(rank).baseName();
                records.add(new ReplayRecord(base, 0, raw.offset(), Instant.ofEpochMilli(raw.timestamp()), raw.key(),
                        raw.event(), raw.event() == null ? "unreadable" : null));
            }
            queues.add(RecordQueue.of(records));
        }
        ApplyOrder order = new ApplyOrder(queues);
        List<String> out = new ArrayList<>();
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            out.add(r.topic() + "@" + r.offset());
        }
        return out;
    }

    private Map<String, List<String>> perJob(List<String> order) {
        Map<String, List<String>> jobs = new HashMap<>();
        for (String position : order) {
            jobs.computeIfAbsent(keyOf(position), k -> new ArrayList<>()).add(position);
        }
        return jobs;
    }

    private void randomPartitions(Random random, int records) {
        String[] jobs = {"a", "b", "c", "d"};
        long[] clocks = new long[3];
        for (int i = 0; i < records; i++) {
            int rank = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(2);
            clocks[rank] += random.nextInt(4);
            // timestamps mostly rise but may go back a little (clocks of several producers)
            long timestamp = 1_000 + clocks[rank] - (random.nextInt(6) == 0 ? random.nextInt(5) : 0);
            String job = jobs[random.nextInt(jobs.length)];
            Instant at = Instant.ofEpochMilli(timestamp);
            Object event = switch (rank) {
                case 0 -> events.pause(job, at);
                case 1 -> Events.fire(job, at);
                default -> Events.completed(job, at, RunOutcome.OK);
            };
            append(rank, timestamp, job, random.nextInt(40) == 0 ? null : event);
        }
    }

    @Test
    void each_job_s_records_apply_in_replay_s_order_however_the_partitions_are_read() {
        for (long seed = 1; seed <= 200; seed++) {
            partitions.forEach(List::clear);
            Random random = new Random(seed);
            randomPartitions(random, 60 + random.nextInt(60));
            ApplyWindow window = window();
            int[] fed = new int[3];
            List<String> live = new ArrayList<>();
            while (live.size() < partitions.stream().mapToInt(List::size).sum()) {
                int[] upTo = new int[3];
                for (int rank = 0; rank < 3; rank++) {
                    upTo[rank] = fed[rank] + random.nextInt(12);
                }
                feed(window, fed, upTo);
                live.addAll(taken(window, 1 + random.nextInt(15)));
            }

            List<String> replay = replayOrder();
            assertThat(live).as("seed %d: every record once", seed).containsExactlyInAnyOrderElementsOf(replay);
            Map<String, List<String>> liveJobs = perJob(live.stream().filter(this::readable).toList());
            Map<String, List<String>> replayJobs = perJob(replay.stream().filter(this::readable).toList());
            assertThat(liveJobs).as("seed %d", seed).isEqualTo(replayJobs);
        }
    }

    private boolean readable(String position) {
        String[] parts = position.split("@");
        int rank = List.of("control", "fires", "runs").indexOf(parts[0]);
        return partitions.get(rank).get(Integer.parseInt(parts[1])).event() != null;
    }

    @Test
    void a_command_jumps_a_backlog_of_other_jobs_taking_only_its_own_job_s_earlier_records() {
        for (int i = 0; i < 10_000; i++) {
            String job = "job-" + (i % 100);
            append(2, 1_000 + i / 10, job, Events.completed(job, Instant.ofEpochMilli(i), RunOutcome.OK));
        }
        append(0, 5_000, "job-7", events.pause("job-7", Instant.ofEpochMilli(5_000)));
        ApplyWindow window = window();
        feed(window, new int[3], new int[] {1, 0, 10_000});

        List<InputRecord> batch = window.next(500);

        assertThat(batch.subList(0, 101)).allSatisfy(r -> assertThat(r.key()).isEqualTo("job-7"));
        assertThat(batch.get(100).partition().topic()).as("the pause, after its job's 100 earlier completions")
                .isEqualTo("p.control");
        assertThat(batch.subList(101, batch.size())).as("then the backlog, oldest first")
                .allSatisfy(r -> assertThat(r.partition().topic()).isEqualTo("p.runs"));
    }

    @Test
    void a_command_waits_until_the_other_partitions_are_read_past_it() {
        append(2, 1_000, "x", Events.completed("x", Instant.ofEpochMilli(1), RunOutcome.OK));
        append(0, 2_000, "x", events.pause("x", Instant.ofEpochMilli(2_000)));
        append(2, 3_000, "x", Events.completed("x", Instant.ofEpochMilli(2), RunOutcome.OK));
        ApplyWindow window = window();
        int[] fed = new int[3];
        feed(window, fed, new int[] {1, 0, 1});
        window.queue(new TopicPartition("p.fires", 0)).caughtUp(true);
        window.queue(new TopicPartition("p.runs", 0)).caughtUp(false);

        assertThat(window.next(10)).as("runs may still hold an earlier record of x").hasSize(1)
                .allSatisfy(r -> assertThat(r.partition().topic()).isEqualTo("p.runs"));

        feed(window, fed, new int[] {1, 0, 2});

        assertThat(window.next(10)).extracting(r -> r.partition().topic()).containsExactly("p.control", "p.runs");
    }

    @Test
    void refused_records_are_taken_without_waiting_for_anything() {
        append(0, 9_000, "x", null);
        append(2, 1_000, "y", Events.completed("y", Instant.ofEpochMilli(1), RunOutcome.OK));
        ApplyWindow window = window();
        feed(window, new int[3], new int[] {1, 0, 1});
        window.queue(new TopicPartition("p.runs", 0)).caughtUp(false);

        window.queue(new TopicPartition("p.control", 0)).caughtUp(false);

        assertThat(window.next(10)).singleElement().satisfies(r -> assertThat(r.isRefused()).isTrue());
    }
}
