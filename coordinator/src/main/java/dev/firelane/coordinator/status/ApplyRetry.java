package dev.firelane.coordinator.status;

import dev.firelane.protocol.FirelaneException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an apply, retrying database failures with a doubling backoff. A failure that belongs to the record
 * (see {@link ApplyFailures}) becomes an {@link UnappliableEventException} at once (the record goes to the
 * dlq); any other that outlasts the retries is thrown as is, so the stream thread is replaced and the
 * record is read again from the last committed offset — never skipped.
 */
final class ApplyRetry {
    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    private static final Logger log = LoggerFactory.getLogger(ApplyRetry.class);

    private final int maxRetries;
    private final Duration backoff;
    private final Sleeper sleeper;

    ApplyRetry(int maxRetries, Duration backoff, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    <T> T call(String what, Supplier<T> work) {
        for (int retry = 0; ; retry++) {
            try {
                return work.get();
            } catch (UnappliableEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (ApplyFailures.classify(e) == ApplyFailures.Verdict.REJECT) {
                    throw new UnappliableEventException("cannot be applied: " + ApplyFailures.describe(e), e);
                }
                if (retry >= maxRetries) {
                    log.error("{} still failing after {} retries, giving the record back: {}", what, retry,
                            ApplyFailures.describe(e));
                    throw e;
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(retry, 20));
                log.warn("{} failed (retry {} of {} in {} ms): {}", what, retry + 1, maxRetries,
                        wait.toMillis(), ApplyFailures.describe(e));
                pause(wait, e);
            }
        }
    }

    private void pause(Duration wait, RuntimeException cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FirelaneException("interrupted while waiting to retry", cause);
        }
    }
}
