package dev.firelane.coordinator.fire;

import java.time.Duration;
import java.time.Instant;

/**
 * When a fire in flight stops being believed running. Before a worker reports it, its TTL rules: the
 * deadline plus {@code inFlightGrace}, or without a deadline {@code inFlightTtl} after it was emitted.
 * Once a worker reported it ({@code Started} or {@code Heartbeat}), the last report plus
 * {@code heartbeatTimeout}, and never later than the deadline plus the grace.
 */
final class Liveness {
    private final Duration heartbeatTimeout;
    private final Duration inFlightGrace;
    private final Duration inFlightTtl;

    Liveness(Duration heartbeatTimeout, Duration inFlightGrace, Duration inFlightTtl) {
        this.heartbeatTimeout = heartbeatTimeout;
        this.inFlightGrace = inFlightGrace;
        this.inFlightTtl = inFlightTtl;
    }

    static Liveness of(FireTopologyConfig config) {
        return new Liveness(config.heartbeatTimeout(), config.inFlightGrace(), config.inFlightTtl());
    }

    /** The expiry of a fire just emitted at {@code firedAt}. */
    Instant unreported(Instant firedAt, Instant deadline) {
        return deadline != null ? deadline.plus(inFlightGrace) : firedAt.plus(inFlightTtl);
    }

    /** When {@code record}, running, expires if nothing more is heard of it. */
    Instant expiry(InFlight record) {
        if (!record.started() || record.lastSeenAt() == null) {
            return record.wakeAt();
        }
        Instant silent = record.lastSeenAt().plus(heartbeatTimeout);
        if (record.deadline() == null) {
            return silent;
        }
        Instant cap = record.deadline().plus(inFlightGrace);
        return silent.isBefore(cap) ? silent : cap;
    }

    Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }
}
