package dev.firelane.coordinator.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The recent samples of the system's figures, oldest first: what {@code GET /api/stats/series} shows. */
public interface StatsSeries {
    /** No sampling: an empty series (a server built without a sampler). */
    StatsSeries NONE = new StatsSeries() {
        @Override
        public Duration interval() {
            return Duration.ZERO;
        }

        @Override
        public Duration window() {
            return Duration.ZERO;
        }

        @Override
        public List<StatsPoint> points(Instant after) {
            return List.of();
        }
    };

    /** How often a point is taken. */
    Duration interval();

    /** How far back points are kept. */
    Duration window();

    /** The points taken after {@code after} (all of them when null), oldest first. */
    List<StatsPoint> points(Instant after);
}
