package dev.firelane.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.concurrent.TimeUnit;

/**
 * Built-in {@code sleep}: payload {@code {"ms": N, "fail": false}}. Waits N milliseconds of real time
 * (interruptibly, stopping early when the run is cancelled), then succeeds, or returns an error when
 * {@code fail} is true. Both fields are optional ({@code ms} defaults to 0).
 */
public final class SleepHandler implements JobHandler {
    public static final String NAME = "sleep";
    /** How often a long sleep looks at the cancellation flag. */
    static final long CHECK_EVERY_MS = 50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HandlerResult run(RunContext context) throws InterruptedException {
        JsonNode payload = context.payload();
        JsonNode ms = payload.path("ms");
        JsonNode fail = payload.path("fail");
        if (!ms.isMissingNode() && !ms.isNull() && (!ms.isIntegralNumber() || !ms.canConvertToLong() || ms.longValue() < 0)) {
            return HandlerResult.error("sleep: payload field \"ms\" must be a non-negative integer, got " + ms);
        }
        if (!fail.isMissingNode() && !fail.isNull() && !fail.isBoolean()) {
            return HandlerResult.error("sleep: payload field \"fail\" must be true or false, got " + fail);
        }
        long millis = ms.asLong(0);
        if (!sleep(millis, context)) {
            return HandlerResult.cancelled("sleep: cancelled");
        }
        return fail.asBoolean(false) ? HandlerResult.error("sleep: failed as asked after " + millis + " ms") : HandlerResult.ok();
    }

    /** Returns false when cancelled before the time was up. */
    private static boolean sleep(long millis, RunContext context) throws InterruptedException {
        // real elapsed time on purpose: the injected clock stamps events, a sleep must really wait
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left = millis;
        while (left > 0) {
            if (context.isCancelled()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(left, CHECK_EVERY_MS));
            left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        }
        return true;
    }
}
