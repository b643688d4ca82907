package dev.firelane.coordinator.stats;

import java.util.Arrays;

/**
 * A cumulative histogram of milliseconds as a Micrometer timer with fixed buckets keeps it: for each upper bound,
 * how many values were at or below it. Two readings subtract into the histogram of the interval between them,
 * whose percentiles are estimated as Prometheus' {@code histogram_quantile} does: linearly inside the bucket.
 */
record LatencyHistogram(double[] boundsMs, double[] cumulativeCounts, double count) {
    static final LatencyHistogram EMPTY = new LatencyHistogram(new double[0], new double[0], 0);

    LatencyHistogram {
        if (boundsMs.length != cumulativeCounts.length) {
            throw new IllegalArgumentException("one count per bound");
        }
        boundsMs = boundsMs.clone();
        cumulativeCounts = cumulativeCounts.clone();
    }

    /** This reading minus an earlier one of the same timer (an earlier one with other bounds counts as empty). */
    LatencyHistogram minus(LatencyHistogram earlier) {
        boolean sameBounds = Arrays.equals(boundsMs, earlier.boundsMs);
        double[] counts = new double[boundsMs.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(0, cumulativeCounts[i] - (sameBounds ? earlier.cumulativeCounts[i] : 0));
        }
        return new LatencyHistogram(boundsMs, counts, Math.max(0, count - (sameBounds ? earlier.count : 0)));
    }

    /**
     * The {@code q} quantile (0 to 1) in milliseconds, or null when nothing was recorded. A quantile beyond the
     * largest bound is that bound: the histogram cannot say more.
     */
    Double percentile(double q) {
        if (count <= 0 || boundsMs.length == 0) {
            return null;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (int i = 0; i < boundsMs.length; i++) {
            if (Double.isInfinite(boundsMs[i])) {
                break;
            }
            if (cumulativeCounts[i] >= rank) {
                double inBucket = cumulativeCounts[i] - lowerCount;
                double share = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerBound + (boundsMs[i] - lowerBound) * share;
            }
            lowerBound = boundsMs[i];
            lowerCount = cumulativeCounts[i];
        }
        return lowerBound;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && Arrays.equals(boundsMs, h.boundsMs)
                && Arrays.equals(cumulativeCounts, h.cumulativeCounts) && count == h.count;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundsMs) + Arrays.hashCode(cumulativeCounts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(boundsMs) + Arrays.toString(cumulativeCounts) + " n=" + count;
    }
}
