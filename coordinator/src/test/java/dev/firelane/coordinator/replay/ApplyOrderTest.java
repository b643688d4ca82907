package dev.firelane.coordinator.replay;

import static dev.firelane.coordinator.replay.History.malformed;
import static dev.firelane.coordinator.replay.History.record;
import static dev.firelane.coordinator.replay.History.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyOrderTest {
    @Test
    void takes_the_head_with_the_smallest_timestamp_across_the_three_partitions() {
        List<ReplayRecord> control = List.of(record("control", 0, t(1), "a", "c0"), record("control", 1, t(5), "a", "c1"));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(2), "a", "f0"), record("fires", 1, t(6), "a", "f1"));
        List<ReplayRecord> runs = List.of(record("runs", 0, t(3), "a", "r0"), record("runs", 1, t(4), "a", "r1"));

        assertThat(events(control, fires, runs)).containsExactly("c0", "f0", "r0", "r1", "c1", "f1");
    }

    @Test
    void keeps_offset_order_within_a_partition_even_when_timestamps_go_back() {
        // a head stamped late holds back everything behind it in its partition
        List<ReplayRecord> control = List.of(record("control", 0, t(10), "b", "c0"), record("control", 1, t(1), "a", "c1"));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(5), "a", "f0"));

        assertThat(events(control, fires, List.of())).containsExactly("f0", "c0", "c1");
    }

    @Test
    void the_order_of_one_job_depends_on_the_records_of_other_jobs() {
        // job a alone would be c1 (t=1) before f0 (t=5); job b's late-stamped head puts f0 first
        List<ReplayRecord> control = List.of(record("control", 0, t(10), "b", "other job"), record("control", 1, t(1), "a", "c1"));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(5), "a", "f0"));

        List<String> jobA = new ArrayList<>();
        ApplyOrder order = new ApplyOrder(List.of(RecordQueue.of(control), RecordQueue.of(fires), RecordQueue.of(List.of())));
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            if ("a".equals(r.key())) {
                jobA.add((String) r.event());
            }
        }
        assertThat(jobA).containsExactly("f0", "c1");
    }

    @Test
    void breaks_ties_in_the_order_control_fires_runs() {
        List<ReplayRecord> control = List.of(record("control", 0, t(1), "a", "c0"));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(1), "a", "f0"));
        List<ReplayRecord> runs = List.of(record("runs", 0, t(1), "a", "r0"));

        assertThat(events(control, fires, runs)).containsExactly("c0", "f0", "r0");
    }

    @Test
    void drops_a_malformed_record_as_soon_as_it_heads_its_partition_without_comparing_its_timestamp() {
        // stamped t=0 it would come first if compared; Streams drops it when it reaches the head instead
        List<ReplayRecord> control = List.of(record("control", 0, t(2), "a", "c0"), malformed("control", 1, t(0), "a", "not JSON"),
                record("control", 2, t(9), "a", "c2"));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(1), "a", "f0"), record("fires", 1, t(3), "a", "f1"));

        List<String> seen = new ArrayList<>();
        ApplyOrder order = new ApplyOrder(List.of(RecordQueue.of(control), RecordQueue.of(fires), RecordQueue.of(List.of())));
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            seen.add(r.isMalformed() ? "bad" : (String) r.event());
        }
        assertThat(seen).containsExactly("f0", "c0", "bad", "f1", "c2");
    }

    @Test
    void ends_when_every_partition_is_read() {
        ApplyOrder order = new ApplyOrder(List.of(RecordQueue.of(List.of()), RecordQueue.of(List.of()), RecordQueue.of(List.of())));
        assertThat(order.next()).isNull();
    }

    private static List<String> events(List<ReplayRecord> control, List<ReplayRecord> fires, List<ReplayRecord> runs) {
        ApplyOrder order = new ApplyOrder(List.of(RecordQueue.of(control), RecordQueue.of(fires), RecordQueue.of(runs)));
        List<String> out = new ArrayList<>();
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            out.add((String) r.event());
        }
        return out;
    }
}
