package dev.firelane.worker.handlers;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.testing.TestRunContext;
import org.junit.jupiter.api.Test;

class SleepHandlerTest {
    private final SleepHandler sleep = new SleepHandler();

    private HandlerResult run(String payload) throws InterruptedException {
        return sleep.run(TestRunContext.of(aFire().handler("sleep").payload(payload).build()));
    }

    @Test
    void succeeds_after_waiting_when_not_asked_to_fail() throws InterruptedException {
        long start = System.nanoTime();
        assertThat(run("{\"ms\": 20}").isOk()).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
    }

    @Test
    void returns_an_error_result_when_asked_to_fail() throws InterruptedException {
        HandlerResult result = run("{\"ms\": 0, \"fail\": true}");
        assertThat(result.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(result.error()).isEqualTo("sleep: failed as asked after 0 ms");
    }

    @Test
    void treats_a_missing_payload_as_zero_ms() throws InterruptedException {
        assertThat(sleep.run(TestRunContext.of(aFire().handler("sleep").build())).isOk()).isTrue();
        assertThat(run("{}").isOk()).isTrue();
    }

    @Test
    void refuses_a_negative_or_non_integer_duration() throws InterruptedException {
        assertThat(run("{\"ms\": -5}").error()).contains("\"ms\" must be a non-negative integer");
        assertThat(run("{\"ms\": \"100\"}").error()).contains("\"ms\" must be a non-negative integer");
        assertThat(run("{\"ms\": 1.5}").error()).contains("\"ms\" must be a non-negative integer");
        assertThat(run("{\"fail\": \"yes\"}").error()).contains("\"fail\" must be true or false");
    }

    @Test
    void stops_early_when_cancelled() throws InterruptedException {
        TestRunContext context = TestRunContext.of(aFire().handler("sleep").payload("{\"ms\": 600000}").build()).cancel();
        assertThat(sleep.run(context).outcome()).isEqualTo(RunOutcome.CANCELLED);
    }
}
