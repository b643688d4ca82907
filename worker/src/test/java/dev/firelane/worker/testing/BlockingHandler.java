package dev.firelane.worker.testing;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler whose runs wait until the test calls {@link #release()}, then succeed. It records which fires
 * started and the most runs it saw at once.
 */
public final class BlockingHandler implements JobHandler {
    private final String name;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final List<String> started = new CopyOnWriteArrayList<>();

    public BlockingHandler(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HandlerResult run(RunContext context) throws InterruptedException {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        started.add(context.fireId());
        try {
            release.await();
            return HandlerResult.ok();
        } finally {
            running.decrementAndGet();
        }
    }

    /** Lets every run, current and future, finish. */
    public void release() {
        release.countDown();
    }

    /** Runs waiting now. */
    public int running() {
        return running.get();
    }

    /** The most runs that were waiting at the same time. */
    public int maxRunning() {
        return maxRunning.get();
    }

    /** Fire ids of the runs that started, in start order. */
    public List<String> started() {
        return List.copyOf(started);
    }
}
