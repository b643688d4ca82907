package dev.firelane.worker.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancels that arrived for fires not running here (yet): a fire still waiting for a slot, or redelivered
 * later, is then cancelled as soon as it would start. Bounded in size and age. Thread-safe.
 */
final class CancelBook {
    static final int MAX_ENTRIES = 10_000;
    static final Duration MAX_AGE = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Instant> cancelled = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    CancelBook(Clock clock) {
        this.clock = clock;
    }

    synchronized void remember(String fireId) {
        cancelled.put(fireId, clock.instant());
    }

    /** Whether {@code fireId} was cancelled within {@link #MAX_AGE}. */
    synchronized boolean isCancelled(String fireId) {
        Instant at = cancelled.get(fireId);
        if (at == null) {
            return false;
        }
        if (at.plus(MAX_AGE).isBefore(clock.instant())) {
            cancelled.remove(fireId);
            return false;
        }
        return true;
    }
}
