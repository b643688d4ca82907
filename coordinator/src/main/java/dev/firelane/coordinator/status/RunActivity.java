package dev.firelane.coordinator.status;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runs not finished yet as the status stream has applied them: fires waiting for a worker (applied, not
 * started) and runs in flight by worker (started, not completed). It is built from committed events, so it sees
 * the whole fleet whatever process each worker runs in (this coordinator's partitions of it, when several
 * coordinators share them). It starts empty with the process and forgets the oldest fires beyond its bound, so a
 * fire whose completion never comes cannot grow it without end.
 */
public final class RunActivity {
    public static final int DEFAULT_MAX_TRACKED = 200_000;
    private static final String WAITING = "";

    private final Map<String, String> workerByFire;

    public RunActivity() {
        this(DEFAULT_MAX_TRACKED);
    }

    RunActivity(int maxTracked) {
        this.workerByFire = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** What the status stream knows now; {@code inFlightByWorker} lists only workers with a run. */
    public record Snapshot(long waiting, Map<String, Long> inFlightByWorker) {
    }

    synchronized void applied(Object event) {
        if (event instanceof Fire fire) {
            workerByFire.putIfAbsent(fire.fireId(), WAITING);
        } else if (event instanceof RunEvent.Started started) {
            workerByFire.put(started.fireId(), started.workerId());
        } else if (event instanceof RunEvent.Heartbeat heartbeat) {
            workerByFire.replace(heartbeat.fireId(), WAITING, heartbeat.workerId());
        } else if (event instanceof RunEvent.Completed completed) {
            workerByFire.remove(completed.fireId());
        }
    }

    public synchronized Snapshot snapshot() {
        long waiting = 0;
        Map<String, Long> byWorker = new TreeMap<>();
        for (String worker : workerByFire.values()) {
            if (worker.isEmpty()) {
                waiting++;
            } else {
                byWorker.merge(worker, 1L, Long::sum);
            }
        }
        return new Snapshot(waiting, byWorker);
    }
}
