package dev.firelane.coordinator.replay;

import static dev.firelane.coordinator.replay.History.malformed;
import static dev.firelane.coordinator.replay.History.record;
import static dev.firelane.coordinator.replay.History.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
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
    void a_record_stamped_earlier_but_read_after_a_command_was_applied_stays_after_it() {
        // f1 (stamped t=2) sat in an open transaction when the pause (t=3) was applied: live read fires up to
        // offset 1 only, so the pause was applied before f1 although f1 is stamped earlier
        ControlCommand pause = new ControlCommand.Pause("cmd-1", "a", "alice", t(3), "stop");
        List<ReplayRecord> control = List.of(record("control", 0, t(3), "a", pause));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(1), "a", "f0"), record("fires", 1, t(2), "a", "f1"));
        List<ReplayRecord> runs = List.of(record("runs", 0, t(2.5), "a", "r0"));
        Placements placed = Placements.of(List.of(new CommandPlacement("cmd-1", 0, 0, 1, 1, t(3))));

        assertThat(names(new ApplyOrder(queues(control, fires, runs), placed))).containsExactly("f0", "r0", "pause", "f1");
        // without the placement, timestamps alone put f1 first
        assertThat(names(new ApplyOrder(queues(control, fires, runs)))).containsExactly("f0", "f1", "r0", "pause");
    }

    @Test
    void a_placement_with_unknown_offsets_leaves_the_timestamp_order() {
        ControlCommand pause = new ControlCommand.Pause("cmd-1", "a", "alice", t(3), "stop");
        List<ReplayRecord> control = List.of(record("control", 0, t(3), "a", pause));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(2), "a", "f0"));
        Placements placed = Placements.of(List.of(
                new CommandPlacement("cmd-1", 0, 0, CommandPlacement.UNKNOWN, CommandPlacement.UNKNOWN, t(3))));

        assertThat(names(new ApplyOrder(queues(control, fires, List.of()), placed))).containsExactly("f0", "pause");
    }

    @Test
    void the_first_placement_of_a_command_wins() {
        ControlCommand pause = new ControlCommand.Pause("cmd-1", "a", "alice", t(3), "stop");
        List<ReplayRecord> control = List.of(record("control", 0, t(3), "a", pause));
        List<ReplayRecord> fires = List.of(record("fires", 0, t(2), "a", "f0"));
        // applied first before f0 was read; a batch applied again later placed it again after f0
        Placements placed = Placements.of(List.of(new CommandPlacement("cmd-1", 0, 0, 0, 0, t(3)),
                new CommandPlacement("cmd-1", 0, 0, 1, 0, t(4))));

        assertThat(names(new ApplyOrder(queues(control, fires, List.of()), placed))).containsExactly("pause", "f0");
    }

    @Test
    void ends_when_every_partition_is_read() {
        ApplyOrder order = new ApplyOrder(List.of(RecordQueue.of(List.of()), RecordQueue.of(List.of()), RecordQueue.of(List.of())));
        assertThat(order.next()).isNull();
    }

    private static List<RecordQueue> queues(List<ReplayRecord> control, List<ReplayRecord> fires,
                                            List<ReplayRecord> runs) {
        return List.of(RecordQueue.of(control), RecordQueue.of(fires), RecordQueue.of(runs));
    }

    private static List<String> names(ApplyOrder order) {
        List<String> out = new ArrayList<>();
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            out.add(r.event() instanceof ControlCommand c ? c.getClass().getSimpleName().toLowerCase() : (String) r.event());
        }
        return out;
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
