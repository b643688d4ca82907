package com.example.hello;

import static dev.firelane.testkit.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.testkit.HandlerTester;
import dev.firelane.testkit.ManualRun;
import dev.firelane.testkit.RunReport;
import dev.firelane.worker.HandlerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example handler under firelane-testkit: no broker, no worker; latches, never sleeps. */
class HelloHandlerTest {
    private final RecordingGreeter greeter = new RecordingGreeter();
    private final HandlerTester tester = HandlerTester.of(new HelloHandler(greeter));

    @Test
    void greets_every_name_with_the_fire_id_as_idempotency_key() {
        Fire fire = aFire().job("greet").payload("{\"names\":[\"Ada\",\"Grace\"]}").build();

        RunReport report = tester.run(fire);

        assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
        assertThat(greeter.sent).containsExactly(fire.fireId() + "/0 Hello, Ada!", fire.fireId() + "/1 Hello, Grace!");
    }

    @Test
    void a_payload_without_names_is_an_error_and_greets_nobody() {
        RunReport report = tester.run(aFire().payload("{\"name\":\"Ada\"}").build());

        assertThat(report.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(report.error()).startsWith("payload needs \"names\"");
        assertThat(greeter.sent).isEmpty();
    }

    @Test
    void a_greeter_that_cannot_be_reached_makes_the_run_an_error_naming_why() {
        greeter.failWith = new IOException("chat.example.com: connection refused");

        RunReport report = tester.run(aFire().payload("{\"names\":[\"Ada\"]}").build());

        assertThat(report.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(report.error()).isEqualTo("IOException: chat.example.com: connection refused");
    }

    @Test
    void a_greeting_stuck_past_the_deadline_is_interrupted_and_reported_timeout() throws Exception {
        greeter.hang = new CountDownLatch(1); // never released: the service does not answer
        ManualRun run = tester.start(aFire().payload("{\"names\":[\"Ada\"]}").timeout(Duration.ofSeconds(30)).build());
        assertThat(greeter.entered.await(30, TimeUnit.SECONDS)).isTrue();

        tester.clock().advance(Duration.ofSeconds(30));

        RunReport report = run.awaitOutcome();
        assertThat(report.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(report.error()).startsWith("ran past its deadline");
        assertThat(report.abandonedOnThread()).as("the greeter's wait ended at the interrupt").isFalse();
    }

    @Test
    void a_cancel_stops_before_the_next_name_and_says_how_far_it_got() throws Exception {
        greeter.hang = new CountDownLatch(1);
        ManualRun run = tester.start(aFire().payload("{\"names\":[\"Ada\",\"Grace\",\"Linus\"]}").build());
        assertThat(greeter.entered.await(30, TimeUnit.SECONDS)).isTrue();

        run.cancel();
        greeter.hang.countDown(); // the first greeting goes through; the handler sees the cancel before the second

        RunReport report = run.awaitOutcome();
        assertThat(report.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(report.error()).isEqualTo("greeted 1 of 3");
        assertThat(greeter.sent).hasSize(1);
    }

    @Test
    void the_service_file_registers_the_handler_for_the_worker() {
        assertThat(HandlerRegistry.load().find(HelloHandler.NAME)).get().isInstanceOf(HelloHandler.class);
    }

    /** Records greetings; can fail, or hang on a latch the test holds. */
    private static final class RecordingGreeter implements Greeter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile IOException failWith;
        volatile CountDownLatch hang;

        @Override
        public void greet(String idempotencyKey, String message) throws IOException, InterruptedException {
            entered.countDown();
            if (failWith != null) {
                throw failWith;
            }
            if (hang != null) {
                hang.await();
            }
            sent.add(idempotencyKey + " " + message);
        }
    }
}
