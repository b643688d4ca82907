package dev.firelane.coordinator.stats;

import java.time.Duration;

/**
 * How the dashboard's System view is sampled: a point every {@code interval}, {@code window} of them kept in memory
 * (configuration keys {@code stats.interval} and {@code stats.window}).
 *
 * @param interval the time between two points; at least 100 ms
 * @param window   how far back the points are kept; at least one interval, at most 100,000 points
 */
public record StatsSettings(Duration interval, Duration window) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(60);
    /** Points kept at most: a point is a few hundred bytes, so this bounds the ring to tens of megabytes. */
    static final long MAX_POINTS = 100_000;

    public StatsSettings {
        if (interval == null || interval.toMillis() < 100) {
            throw new IllegalArgumentException("the stats interval must be at least 100 ms; got " + interval);
        }
        if (window == null || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the stats window must be at least one interval (" + interval + "); got "
                    + window);
        }
        if (window.toMillis() / interval.toMillis() > MAX_POINTS) {
            throw new IllegalArgumentException("the stats window " + window + " holds more than " + MAX_POINTS
                    + " points of " + interval + "; take a longer interval or a shorter window");
        }
    }

    public static StatsSettings defaults() {
        return new StatsSettings(DEFAULT_INTERVAL, DEFAULT_WINDOW);
    }

    /** The number of points the window holds. */
    int capacity() {
        return (int) Math.max(1, window.toMillis() / interval.toMillis());
    }
}
