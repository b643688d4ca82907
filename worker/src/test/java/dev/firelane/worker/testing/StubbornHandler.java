package dev.firelane.worker.testing;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that hangs and ignores both the cancel flag and interrupts, until the test calls
 * {@link #release()}: the kind of handler a worker must not let hold a slot forever.
 */
public final class StubbornHandler implements JobHandler {
    private final String name;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicInteger interruptsIgnored = new AtomicInteger();

    public StubbornHandler(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HandlerResult run(RunContext context) {
        stuck.incrementAndGet();
        try {
            while (true) {
                try {
                    release.await();
                    return HandlerResult.ok();
                } catch (InterruptedException e) {
                    interruptsIgnored.incrementAndGet();
                }
            }
        } finally {
            stuck.decrementAndGet();
        }
    }

    public void release() {
        release.countDown();
    }

    /** Runs hanging in this handler now, reported or not. */
    public int stuck() {
        return stuck.get();
    }

    public int interruptsIgnored() {
        return interruptsIgnored.get();
    }
}
