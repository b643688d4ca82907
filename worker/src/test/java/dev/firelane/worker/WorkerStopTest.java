package dev.firelane.worker;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import dev.firelane.worker.testing.BlockingHandler;
import dev.firelane.worker.testing.StubbornHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How runs end early: deadlines, cancels, handlers that ignore both; and the heartbeats of long runs. */
class WorkerStopTest extends WorkerIntegrationTest {
    private final StubbornHandler stubborn = new StubbornHandler("stubborn");

    @Test
    void a_run_past_its_deadline_is_interrupted_and_reported_timeout() {
        kafka.createTopics(prefix, 1);
        Fire fire = aFire().job("slow").handler("sleep").payload("{\"ms\": 600000}")
                .deadline(Instant.now().plusMillis(500)).build();
        send(fire);
        Worker worker = start(HandlerRegistry.load(), b -> b);

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(completed.error()).contains("deadline");
        assertThat(Duration.between(completed.startedAt(), completed.finishedAt())).isLessThan(Duration.ofSeconds(5));
        assertThat(worker.counters().completed(RunOutcome.TIMEOUT)).isOne();
        assertThat(worker.counters().abandonedThreads()).isZero();
    }

    @Test
    void a_handler_ignoring_its_interrupt_is_abandoned_on_its_thread_reported_timeout_and_frees_its_slot() {
        kafka.createTopics(prefix, 1);
        Fire hung = aFire().job("hang").handler("stubborn").deadline(Instant.now().plusSeconds(2)).build();
        Fire next = aFire().job("hang").handler("noop").tick(1).build();
        send(hung, next);
        Worker worker = start(HandlerRegistry.load().with(stubborn),
                b -> b.maxConcurrentRuns(1).interruptGrace(Duration.ofMillis(300)));

        RunEvent.Completed timedOut = awaitCompleted(hung);
        assertThat(timedOut.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(timedOut.error()).contains("ignored the interrupt", "abandoned");
        // the only slot is free again although the handler still hangs on its thread
        assertThat(awaitCompleted(next).outcome()).isEqualTo(RunOutcome.OK);
        assertThat(stubborn.stuck()).isOne();
        assertThat(stubborn.interruptsIgnored()).isPositive();
        assertThat(worker.counters().abandonedThreads()).isOne();
        assertThat(worker.counters().inFlight()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());

        stubborn.release(); // its late result is discarded: still one outcome for the fire
        await().atMost(Duration.ofSeconds(5)).until(() -> stubborn.stuck() == 0);
        await().during(Duration.ofMillis(500)).until(() -> completed().size() == 2);
    }

    @Test
    void a_fire_whose_deadline_passed_before_it_started_is_reported_timeout_without_running() {
        kafka.createTopics(prefix, 1);
        List<String> ran = new CopyOnWriteArrayList<>();
        JobHandler recording = handler("recording", context -> {
            ran.add(context.fireId());
            return HandlerResult.ok();
        });
        Fire late = aFire().job("late").handler("recording").deadline(Instant.now().minusSeconds(1)).build();
        send(late);
        start(HandlerRegistry.of(recording), b -> b);

        RunEvent.Completed completed = awaitCompleted(late);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(completed.error()).contains("passed before the run started");
        assertThat(ran).isEmpty();
        assertThat(runEvents()).noneMatch(RunEvent.Started.class::isInstance);
    }

    @Test
    void a_cancel_on_the_control_topic_reaches_the_worker_running_the_fire() {
        kafka.createTopics(prefix, 1);
        Fire fire = aFire().job("nap").handler("sleep").payload("{\"ms\": 600000}").build();
        send(fire);
        Worker worker = start(HandlerRegistry.load(), b -> b);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.counters().inFlight() == 1 && worker.listensForCancels());

        kafka.send(Topics.CONTROL, prefix, fire.jobId(), cancel(fire));

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(completed.workerId()).isEqualTo(worker.workerId());
        assertThat(worker.counters().completed(RunOutcome.CANCELLED)).isOne();
    }

    @Test
    void a_cancel_naming_another_job_does_not_stop_the_run() {
        kafka.createTopics(prefix, 1);
        BlockingHandler blocking = new BlockingHandler("block");
        Fire fire = aFire().job("mine").handler("block").build();
        send(fire);
        Worker worker = start(HandlerRegistry.of(blocking), b -> b.cancelGrace(Duration.ZERO));
        await().atMost(Duration.ofSeconds(20)).until(() -> blocking.running() == 1 && worker.listensForCancels());

        ControlCommand.Cancel wrongJob = new ControlCommand.Cancel("c-other", "other", "ops", Instant.now(), null, fire.fireId());
        kafka.send(Topics.CONTROL, prefix, "other", wrongJob);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> blocking.running() == 1);
        blocking.release();
        assertThat(awaitCompleted(fire).outcome()).isEqualTo(RunOutcome.OK);
    }

    @Test
    void a_handler_ignoring_the_cancel_flag_is_interrupted_after_the_grace_and_ends_cancelled() {
        kafka.createTopics(prefix, 1);
        BlockingHandler blocking = new BlockingHandler("block"); // waits on a latch; never looks at isCancelled
        Fire fire = aFire().job("deaf").handler("block").build();
        send(fire);
        Worker worker = start(HandlerRegistry.of(blocking), b -> b.cancelGrace(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(20)).until(() -> blocking.running() == 1);

        assertThat(worker.cancel(fire.fireId())).isTrue();

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(completed.error()).contains("InterruptedException");
        assertThat(blocking.running()).isZero();
    }

    @Test
    void a_handler_ignoring_cancel_and_interrupt_is_abandoned_and_ends_cancelled() {
        kafka.createTopics(prefix, 1);
        Fire fire = aFire().job("deaf").handler("stubborn").build();
        send(fire);
        Worker worker = start(HandlerRegistry.of(stubborn),
                b -> b.cancelGrace(Duration.ofMillis(100)).interruptGrace(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(20)).until(() -> stubborn.stuck() == 1);

        assertThat(worker.cancel(fire.fireId())).isTrue();

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(completed.error()).contains("abandoned");
        assertThat(worker.counters().inFlight()).isZero();
        assertThat(stubborn.stuck()).isOne();
        stubborn.release();
    }

    @Test
    void a_fire_cancelled_while_it_waits_for_a_slot_is_cancelled_when_it_would_start() {
        kafka.createTopics(prefix, 1);
        BlockingHandler blocking = new BlockingHandler("block");
        Fire first = aFire().job("queue").handler("block").build();
        Fire waiting = aFire().job("queue").handler("block").tick(1).build();
        send(first, waiting);
        Worker worker = start(HandlerRegistry.of(blocking), b -> b.maxConcurrentRuns(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> blocking.running() == 1);

        assertThat(worker.cancel(waiting.fireId())).as("not running yet").isFalse();
        blocking.release();

        assertThat(awaitCompleted(first).outcome()).isEqualTo(RunOutcome.OK);
        RunEvent.Completed cancelled = awaitCompleted(waiting);
        assertThat(cancelled.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(cancelled.error()).isEqualTo("cancelled before it started");
        assertThat(blocking.started()).containsExactly(first.fireId());
    }

    @Test
    void a_long_run_sends_heartbeats_until_it_ends() {
        kafka.createTopics(prefix, 1);
        BlockingHandler blocking = new BlockingHandler("block");
        Fire fire = aFire().job("long").handler("block").build();
        send(fire);
        Worker worker = start(HandlerRegistry.of(blocking), b -> b.heartbeatInterval(Duration.ofMillis(200)));

        await().atMost(Duration.ofSeconds(20)).until(() -> heartbeats(fire).size() >= 3);
        assertThat(heartbeats(fire)).allSatisfy(h -> assertThat(h.workerId()).isEqualTo(worker.workerId()));
        blocking.release();
        awaitCompleted(fire);
        int afterCompletion = heartbeats(fire).size();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> heartbeats(fire).size() <= afterCompletion + 1); // at most one racing the completion
    }

    private List<RunEvent.Heartbeat> heartbeats(Fire fire) {
        return runEvents().stream().filter(RunEvent.Heartbeat.class::isInstance).map(RunEvent.Heartbeat.class::cast)
                .filter(h -> h.fireId().equals(fire.fireId())).toList();
    }

    private static ControlCommand.Cancel cancel(Fire fire) {
        return new ControlCommand.Cancel("c-" + fire.fireId(), fire.jobId(), "ops", Instant.now(), "test", fire.fireId());
    }

    private interface Body {
        HandlerResult run(RunContext context) throws Exception;
    }

    private static JobHandler handler(String name, Body body) {
        return new JobHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HandlerResult run(RunContext context) throws Exception {
                return body.run(context);
            }
        };
    }
}
