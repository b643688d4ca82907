package dev.firelane.coordinator.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The records read ahead on the status stream's partitions, and the choice of what to apply next.
 *
 * <p>The three co-partitioned partitions of one number (control-p, fires-p, runs-p) hold disjoint jobs from the
 * other numbers. Within a number, records apply in the order of (orderTime, rank, offset) — see
 * {@link InputRecord} — and only a record whose place in that order is certain is taken: every partition of the
 * number has been read past it.
 *
 * <p><b>Commands first.</b> A control command is taken as soon as its place is certain, together with the records
 * of its own job that come before it, ahead of the queued records of every other job: a pause does not wait for a
 * backlog of other jobs' run events. Rows of different jobs are independent, so this changes no row; each job's
 * records still apply in the merge order, which is what replay reproduces. Then the merge continues with whatever
 * is left, oldest first.
 */
final class ApplyWindow {
    private final Map<TopicPartition, InputQueue> queues = new LinkedHashMap<>();
    private final Map<Integer, InputQueue[]> groups = new TreeMap<>();

    void assign(TopicPartition partition, int rank) {
        InputQueue queue = new InputQueue(partition, rank);
        queues.put(partition, queue);
        groups.computeIfAbsent(partition.partition(), p -> new InputQueue[3])[rank] = queue;
    }

    void revoke(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            InputQueue queue = queues.remove(partition);
            if (queue != null) {
                InputQueue[] group = groups.get(partition.partition());
                group[queue.rank()] = null;
                if (group[0] == null && group[1] == null && group[2] == null) {
                    groups.remove(partition.partition());
                }
            }
        }
    }

    InputQueue queue(TopicPartition partition) {
        return queues.get(partition);
    }

    /** The queue of partition number {@code partition} of the topic of {@code rank}; null if not assigned here. */
    InputQueue queue(int partition, int rank) {
        InputQueue[] group = groups.get(partition);
        return group == null ? null : group[rank];
    }

    Collection<InputQueue> queues() {
        return queues.values();
    }

    /** Records held (read, not yet dropped as applied). */
    int held() {
        int held = 0;
        for (InputQueue queue : queues.values()) {
            held += queue.size();
        }
        return held;
    }

    /** Whether a command waits for another partition of its number to be read further before it can be taken. */
    boolean commandWaiting() {
        for (InputQueue[] group : groups.values()) {
            InputQueue control = group[0];
            InputRecord head = control == null ? null : control.head();
            if (head != null && !head.isRefused() && !readPast(group, head)) {
                return true;
            }
        }
        return false;
    }

    /** Up to {@code limit} records whose place is certain: commands with their job's earlier records, then the merge. */
    List<InputRecord> next(int limit) {
        List<InputRecord> batch = new ArrayList<>();
        for (InputQueue[] group : groups.values()) {
            commandsFirst(group, batch, limit);
        }
        for (InputQueue[] group : groups.values()) {
            merge(group, batch, limit);
        }
        return batch;
    }

    private static void commandsFirst(InputQueue[] group, List<InputRecord> batch, int limit) {
        InputQueue control = group[0];
        if (control == null) {
            return;
        }
        for (Iterator<InputRecord> it = control.iterator(); it.hasNext() && batch.size() < limit; ) {
            InputRecord command = it.next();
            if (command.isTaken()) {
                continue;
            }
            if (command.isRefused()) {
                take(command, batch); // on its way to the dlq: it has no job to wait for
                continue;
            }
            if (!readPast(group, command)) {
                return; // later commands wait for this one
            }
            List<InputRecord> earlier = new ArrayList<>();
            for (int rank = 1; rank < group.length; rank++) {
                earlierOfJob(group[rank], command, earlier);
            }
            earlier.sort(ApplyWindow::compare); // the merge order of the two partitions' records
            earlier.forEach(record -> take(record, batch));
            take(command, batch);
        }
    }

    private static void earlierOfJob(InputQueue queue, InputRecord command, List<InputRecord> earlier) {
        if (queue == null) {
            return;
        }
        for (Iterator<InputRecord> it = queue.iterator(); it.hasNext(); ) {
            InputRecord record = it.next();
            if (!record.isBefore(command)) {
                return;
            }
            if (!record.isTaken() && !record.isRefused() && command.key().equals(record.key())) {
                earlier.add(record);
            }
        }
    }

    private static int compare(InputRecord a, InputRecord b) {
        return a.isBefore(b) ? -1 : b.isBefore(a) ? 1 : 0;
    }

    private static void merge(InputQueue[] group, List<InputRecord> batch, int limit) {
        while (batch.size() < limit) {
            InputRecord next = null;
            for (InputQueue queue : group) {
                if (queue == null) {
                    continue;
                }
                InputRecord head = queue.head();
                if (head == null) {
                    if (!queue.isCaughtUp()) {
                        return; // this partition may hold the next record: read more first
                    }
                    continue;
                }
                if (head.isMalformed()) {
                    next = head; // unreadable: to the dlq at once, like replay's ApplyOrder
                    break;
                }
                if (next == null || head.isBefore(next)) {
                    next = head;
                }
            }
            if (next == null) {
                return;
            }
            take(next, batch);
        }
    }

    private static boolean readPast(InputQueue[] group, InputRecord command) {
        for (int rank = 1; rank < group.length; rank++) {
            if (group[rank] != null && !group[rank].hasReadPast(command)) {
                return false;
            }
        }
        return true;
    }

    private static void take(InputRecord record, List<InputRecord> batch) {
        record.take();
        batch.add(record);
    }
}
