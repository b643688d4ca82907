package dev.firelane.testkit;

import static dev.firelane.testkit.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.RunContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class HandlerTesterTest {
    private final AtomicReference<RunContext> seen = new AtomicReference<>();

    @Test
    void an_ok_run_is_reported_with_the_fire_the_handler_saw_and_the_tester_clock() {
        AtomicReference<Map<String, String>> mdc = new AtomicReference<>();
        HandlerTester tester = HandlerTester.of(Handlers.named("greet", context -> {
            seen.set(context);
            mdc.set(MDC.getCopyOfContextMap());
            return HandlerResult.ok(204);
        }));
        Fire fire = aFire().job("greeter").attempt(2).payload("{\"name\":\"Ada\"}").build();

        RunReport report = tester.run(fire);

        assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
        assertThat(report.isOk()).isTrue();
        assertThat(report.deliveryStatus()).isEqualTo(204);
        assertThat(report.handlerCalled()).isTrue();
        assertThat(report.abandonedOnThread()).isFalse();
        assertThat(report.completed().fireId()).isEqualTo("greeter@" + FireBuilder.DEFAULT_SCHEDULED_AT.toEpochMilli() + "#2");
        assertThat(report.completed().workerId()).isEqualTo(HandlerTester.DEFAULT_WORKER_ID);
        assertThat(report.completed().startedAt()).isEqualTo(SettableClock.DEFAULT_START);
        assertThat(seen.get().payload().path("name").asText()).isEqualTo("Ada");
        assertThat(seen.get().fireId()).isEqualTo(fire.fireId());
        assertThat(seen.get().attempt()).isEqualTo(2);
        assertThat(seen.get().clock()).isSameAs(tester.clock());
        assertThat(seen.get().deadline()).isEmpty();
        assertThat(mdc.get()).containsEntry("jobId", "greeter").containsEntry("fireId", fire.fireId());
    }

    @Test
    void an_error_result_keeps_its_message_and_delivery_status() {
        HandlerTester tester = HandlerTester.of(Handlers.named("h", c -> HandlerResult.error("HTTP 503", 503)));

        RunReport report = tester.run(aFire().build());

        assertThat(report.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(report.error()).isEqualTo("HTTP 503");
        assertThat(report.deliveryStatus()).isEqualTo(503);
    }

    @Test
    void a_thrown_exception_is_an_error_named_by_its_class_and_message_as_the_worker_reports_it() {
        HandlerTester tester = HandlerTester.of(Handlers.named("h", c -> {
            throw new IOException("connection reset");
        }));

        assertThat(tester.run(aFire().build()).error()).isEqualTo("IOException: connection reset");
    }

    @Test
    void a_null_result_is_an_error() {
        HandlerTester tester = HandlerTester.of(Handlers.named("lazy", c -> null));

        RunReport report = tester.run(aFire().build());

        assertThat(report.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(report.error()).isEqualTo("handler lazy returned no result");
    }

    @Test
    void moving_the_clock_to_the_deadline_interrupts_the_run_and_reports_timeout() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Boolean> cancelledSeen = new AtomicReference<>();
        HandlerTester tester = HandlerTester.of(Handlers.named("slow", context -> {
            entered.countDown();
            try {
                never.await(); // a call that waits for an answer; the interrupt ends it
                return HandlerResult.ok();
            } finally {
                cancelledSeen.set(context.isCancelled());
            }
        }));
        ManualRun run = tester.start(aFire().timeout(Duration.ofSeconds(30)).build());
        awaitQuietly(entered);

        tester.clock().advance(Duration.ofSeconds(29));
        assertThat(run.isSettled()).isFalse();
        tester.clock().advance(Duration.ofSeconds(1));
        RunReport report = run.awaitOutcome();

        assertThat(report.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(report.error()).isEqualTo("ran past its deadline " + FireBuilder.DEFAULT_SCHEDULED_AT.plusSeconds(30));
        assertThat(report.completed().finishedAt()).isEqualTo(FireBuilder.DEFAULT_SCHEDULED_AT.plusSeconds(30));
        assertThat(report.abandonedOnThread()).isFalse();
        assertThat(cancelledSeen.get()).isTrue();
    }

    @Test
    void a_run_that_finishes_before_its_deadline_is_ok_and_time_left_follows_the_clock() {
        CountDownLatch release = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.of(Handlers.named("h", context -> {
            seen.set(context);
            release.await();
            return HandlerResult.ok();
        }));
        ManualRun run = tester.start(aFire().timeout(Duration.ofMinutes(1)).build());
        tester.clock().advance(Duration.ofSeconds(20));
        release.countDown();

        assertThat(run.awaitOutcome().outcome()).isEqualTo(RunOutcome.OK);
        assertThat(seen.get().timeLeft()).hasValue(Duration.ofSeconds(40));
    }

    @Test
    void a_fire_already_past_its_deadline_is_a_timeout_without_calling_the_handler() {
        HandlerTester tester = HandlerTester.of(Handlers.named("h", c -> HandlerResult.ok()));
        tester.clock().advance(Duration.ofSeconds(10));

        RunReport report = tester.run(aFire().timeout(Duration.ofSeconds(10)).build());

        assertThat(report.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(report.error()).contains("passed before the run started");
        assertThat(report.handlerCalled()).isFalse();
    }

    @Test
    void a_cancel_is_seen_by_a_handler_that_checks_and_its_cancelled_result_stands() {
        CountDownLatch next = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.of(Handlers.named("batch", context -> {
            next.await(); // between two items of its work
            return context.isCancelled() ? HandlerResult.cancelled("stopped after item 1") : HandlerResult.ok();
        }));
        ManualRun run = tester.start(aFire().build());

        run.cancel();
        next.countDown();

        RunReport report = run.awaitOutcome();
        assertThat(report.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(report.error()).isEqualTo("stopped after item 1");
    }

    @Test
    void a_cancelled_run_still_waiting_after_the_cancel_grace_is_interrupted_and_reported_cancelled() {
        CountDownLatch never = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.builder(Handlers.named("h", context -> {
            never.await();
            return HandlerResult.ok();
        })).cancelGrace(Duration.ZERO).build();

        RunReport report = tester.start(aFire().build()).cancel().awaitOutcome();

        assertThat(report.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(report.error()).isEqualTo("cancelled (InterruptedException)");
        assertThat(report.abandonedOnThread()).isFalse();
    }

    @Test
    void a_handler_ignoring_its_interrupt_is_given_up_on_and_its_late_result_discarded() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.builder(Handlers.named("stubborn", context -> {
            entered.countDown();
            awaitIgnoringInterrupts(release);
            returned.countDown();
            return HandlerResult.ok();
        })).interruptGrace(Duration.ofMillis(50)).build();
        ManualRun run = tester.start(aFire().timeout(Duration.ofSeconds(5)).build());
        awaitQuietly(entered);

        tester.clock().advance(Duration.ofSeconds(5));
        RunReport report = run.awaitOutcome();
        release.countDown();
        awaitQuietly(returned);

        assertThat(report.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(report.error()).contains("ignored the interrupt", "abandoned");
        assertThat(report.abandonedOnThread()).isTrue();
        assertThat(run.awaitOutcome()).isSameAs(report);
    }

    @Test
    void runs_of_one_tester_share_its_clock_and_only_the_run_whose_deadline_passed_times_out() {
        CountDownLatch release = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.of(Handlers.named("h", context -> {
            release.await();
            return HandlerResult.ok();
        }));
        ManualRun shortRun = tester.start(aFire().job("short").timeout(Duration.ofSeconds(10)).build());
        ManualRun longRun = tester.start(aFire().job("long").timeout(Duration.ofSeconds(60)).build());

        tester.clock().advance(Duration.ofSeconds(10));
        assertThat(shortRun.awaitOutcome().outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(longRun.isSettled()).isFalse();
        release.countDown();

        assertThat(longRun.awaitOutcome().outcome()).isEqualTo(RunOutcome.OK);
    }

    @Test
    void waiting_for_a_run_that_never_ends_fails_the_test_with_what_to_do() {
        CountDownLatch release = new CountDownLatch(1);
        HandlerTester tester = HandlerTester.builder(Handlers.named("h", context -> {
            release.await();
            return HandlerResult.ok();
        })).awaitTimeout(Duration.ofMillis(100)).build();
        ManualRun run = tester.start(aFire().build());

        assertThatThrownBy(run::awaitOutcome).isInstanceOf(AssertionError.class)
                .hasMessageContaining("still runs fire test-job@").hasMessageContaining("release what it waits for");
        release.countDown();
        assertThat(run.awaitOutcome().isOk()).isTrue();
    }

    @Test
    void graces_and_timeouts_are_checked_when_built() {
        HandlerTester.Builder builder = HandlerTester.builder(Handlers.named("h", c -> HandlerResult.ok()));
        assertThatThrownBy(() -> builder.cancelGrace(Duration.ofSeconds(-1))).hasMessageContaining("cancelGrace");
        assertThatThrownBy(() -> builder.awaitTimeout(Duration.ZERO)).hasMessageContaining("awaitTimeout");
        assertThatThrownBy(() -> builder.workerId(" ")).hasMessageContaining("workerId");
        SettableClock shared = new SettableClock(Instant.parse("2031-05-01T00:00:00Z"));
        assertThat(builder.clock(shared).build().clock()).isSameAs(shared);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // this handler ignores interrupts on purpose
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
