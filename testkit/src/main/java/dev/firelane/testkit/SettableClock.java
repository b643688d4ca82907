package dev.firelane.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Clock} that stands still until the test moves it: {@link #set(Instant)} or {@link #advance(Duration)}.
 * Give it to a {@link HandlerTester}; the handler sees it as {@code RunContext.clock()}, and moving it past a
 * fire's deadline times the run out the way a worker would.
 *
 * <p>Thread-safe: the test moves it while a handler reads it on its run thread. It may move backwards
 * ({@link #set(Instant)} to an earlier instant), which a real clock can do too.
 */
public final class SettableClock extends Clock {
    /** Where a clock made with {@link #SettableClock()} starts: {@link FireBuilder#DEFAULT_SCHEDULED_AT}. */
    public static final Instant DEFAULT_START = FireBuilder.DEFAULT_SCHEDULED_AT;

    private final ZoneId zone = ZoneOffset.UTC;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    /** A clock in UTC at {@link #DEFAULT_START}, the time fires of a {@link FireBuilder} are scheduled by default. */
    public SettableClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock in UTC at {@code start}.
     *
     * @param start the instant the clock shows until it is moved
     */
    public SettableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Sets the time; runs that this moves past their deadline are timed out before this returns (their threads
     * are interrupted; the outcome follows when the handler returns).
     *
     * @param instant the new time
     * @return this clock
     */
    public SettableClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
        listeners.forEach(Runnable::run);
        return this;
    }

    /**
     * Moves the time forward (backward for a negative amount), like {@link #set(Instant)}.
     *
     * @param amount how far to move
     * @return this clock
     */
    public SettableClock advance(Duration amount) {
        synchronized (this) {
            now = now.plus(amount);
        }
        listeners.forEach(Runnable::run);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * This clock seen in another zone: the same time, moved by the same calls.
     *
     * @param zone the zone
     * @return a clock sharing this one's time
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new ZoneView(this, zone);
    }

    /** Called after every move of the time, on the thread that moved it. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void removeOnChange(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "SettableClock[" + now + "," + zone + "]";
    }

    /** A view of a settable clock in another zone. */
    private static final class ZoneView extends Clock {
        private final SettableClock clock;
        private final ZoneId zone;

        ZoneView(SettableClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }
    }
}
