package dev.firelane.deploy.e2e;

import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A worker in a JVM of its own whose {@value #HANDLER} handler never returns, so a test can kill it mid-run.
 * Arguments: bootstrap servers, topic prefix, worker id. Stops when its standard input closes, so it never
 * outlives a test JVM that died.
 */
public final class WorkerProcessMain {
    static final String HANDLER = "work";
    /** The child is noticed gone after this (the broker's minimum). */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private WorkerProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        Worker worker = new Worker(WorkerConfig.builder(args[0]).topicPrefix(args[1]).workerId(args[2])
                .consumerProperty("session.timeout.ms", SESSION_TIMEOUT_MS)
                .consumerProperty("heartbeat.interval.ms", 1_000).build(),
                HandlerRegistry.load().with(new Hang()), Clock.systemUTC());
        worker.start();
        while (System.in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        worker.close();
        System.exit(0);
    }

    /** Runs until the process dies. */
    static final class Hang implements JobHandler {
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public String name() {
            return HANDLER;
        }

        @Override
        public HandlerResult run(RunContext context) throws InterruptedException {
            System.out.println("running " + context.fireId());
            never.await();
            return HandlerResult.ok();
        }
    }
}
