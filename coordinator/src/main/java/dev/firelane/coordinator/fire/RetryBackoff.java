package dev.firelane.coordinator.fire;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How long a failed attempt waits before its retry: exponential from {@code base}, capped at {@code max},
 * then spread by ±{@code jitter} so that jobs failing together do not retry together.
 *
 * <pre>  delay(n) = min(max, base · 2^(n−1)) · (1 + jitter · (2u − 1)),  u uniform in [0, 1) from random</pre>
 *
 * where {@code n} is the attempt that failed (1 for the first). With the defaults: about 1 s, 2 s, 4 s, …,
 * at most 5 min, each ±20%. The delay is rounded to whole milliseconds and never negative.
 *
 * @param base   delay after the first failed attempt, before jitter
 * @param max    cap of the exponential part (the jittered delay may exceed it by up to {@code jitter})
 * @param jitter fraction in [0, 1): 0.2 spreads each delay over ±20%
 * @param random source of {@code u}; inject a seeded or fixed one in tests. Used by every stream thread,
 *               so it must be thread-safe (the default delegates to {@link ThreadLocalRandom})
 */
public record RetryBackoff(Duration base, Duration max, double jitter, RandomGenerator random) {
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofMinutes(5);
    public static final double DEFAULT_JITTER = 0.2;
    /** Thread-safe: each calling thread uses its own generator. */
    public static final RandomGenerator DEFAULT_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    public RetryBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (base.toMillis() < 1) {
            throw new IllegalArgumentException("retry backoff base must be at least 1 ms; got " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry backoff max " + max + " is shorter than its base " + base);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("retry backoff jitter must be in [0, 1); got " + jitter);
        }
    }

    /** The defaults: 1 s base, 5 min cap, ±20% jitter from a thread-local generator. */
    public static RetryBackoff defaults() {
        return new RetryBackoff(DEFAULT_BASE, DEFAULT_MAX, DEFAULT_JITTER, DEFAULT_RANDOM);
    }

    /** The wait before retrying after attempt {@code failedAttempt} (1-based) failed. */
    public Duration delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be >= 1; got " + failedAttempt);
        }
        long capped = exponential(base.toMillis(), max.toMillis(), failedAttempt - 1);
        double spread = jitter == 0 ? 1.0 : 1.0 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(0L, Math.round(capped * spread)));
    }

    private static long exponential(long baseMillis, long maxMillis, int doublings) {
        // compare before shifting: base << doublings overflows long long before a sane cap is reached
        if (doublings >= Long.SIZE - 2 || baseMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return Math.min(maxMillis, baseMillis << doublings);
    }
}
