package dev.firelane.worker.handlers;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;

/** Built-in {@code noop}: succeeds at once. For trying schedules out and for measuring the pipeline. */
public final class NoopHandler implements JobHandler {
    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HandlerResult run(RunContext context) {
        return HandlerResult.ok();
    }
}
