package dev.firelane.deploy.e2e;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A handler whose runs do what the test scripted, in order: block until released, succeed, or fail. Runs beyond
 * the script succeed.
 */
final class ScriptedHandler implements JobHandler {
    enum Step { BLOCK, OK, FAIL }

    final CountDownLatch blockedRunStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> startedFireIds = new CopyOnWriteArrayList<>();
    private final Queue<Step> script = new ConcurrentLinkedQueue<>();

    ScriptedHandler then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public HandlerResult run(RunContext context) throws Exception {
        startedFireIds.add(context.fireId());
        Step step = script.poll();
        if (step == Step.BLOCK) {
            blockedRunStarted.countDown();
            return release.await(2, TimeUnit.MINUTES) ? HandlerResult.ok() : HandlerResult.error("never released");
        }
        return step == Step.FAIL ? HandlerResult.error("boom") : HandlerResult.ok();
    }
}
