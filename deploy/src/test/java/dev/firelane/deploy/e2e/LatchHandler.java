package dev.firelane.deploy.e2e;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A handler whose first run blocks until the test releases it; later runs pass straight through. */
final class LatchHandler implements JobHandler {
    final CountDownLatch firstRunStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> startedFireIds = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "latch";
    }

    @Override
    public HandlerResult run(RunContext context) throws Exception {
        startedFireIds.add(context.fireId());
        firstRunStarted.countDown();
        if (!release.await(2, TimeUnit.MINUTES)) {
            return HandlerResult.error("the test never released the latch");
        }
        return HandlerResult.ok();
    }
}
