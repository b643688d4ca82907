package dev.firelane.worker;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.OutcomeRules.Stop;
import dev.firelane.worker.spi.HandlerResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomeRulesTest {
    private static final Instant DEADLINE = Instant.parse("2030-01-01T00:00:30Z");
    private final Fire fire = aFire().deadline(DEADLINE).build();

    @Test
    void an_exception_is_described_by_its_class_and_message() {
        assertThat(OutcomeRules.describe(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
        assertThat(OutcomeRules.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(OutcomeRules.describe(new RuntimeException() { })).isEqualTo(OutcomeRulesTest.class.getName() + "$1");
        assertThat(OutcomeRules.thrown(new StackOverflowError("deep")))
                .isEqualTo(HandlerResult.error("StackOverflowError: deep"));
    }

    @Test
    void long_errors_are_clipped_to_the_column_width() {
        String clipped = OutcomeRules.clip("x".repeat(5000));
        assertThat(clipped).hasSize(OutcomeRules.MAX_ERROR_CHARS).endsWith("…");
        assertThat(OutcomeRules.clip("short")).isEqualTo("short");
        assertThat(OutcomeRules.clip(null)).isNull();
        assertThat(OutcomeRules.completed(fire, "w", HandlerResult.error("y".repeat(2000)), DEADLINE, DEADLINE).error())
                .hasSize(OutcomeRules.MAX_ERROR_CHARS);
    }

    @Test
    void a_null_result_is_an_error_naming_the_handler() {
        assertThat(OutcomeRules.returned("report", null)).isEqualTo(HandlerResult.error("handler report returned no result"));
        assertThat(OutcomeRules.returned("report", HandlerResult.ok(204))).isEqualTo(HandlerResult.ok(204));
    }

    @Test
    void a_fire_is_late_before_start_from_its_deadline_on_and_never_without_one() {
        assertThat(OutcomeRules.lateBeforeStart(fire, DEADLINE.minusMillis(1))).isEmpty();
        assertThat(OutcomeRules.lateBeforeStart(fire, DEADLINE)).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(RunOutcome.TIMEOUT);
            assertThat(r.error()).contains("passed before the run started");
        });
        assertThat(OutcomeRules.lateBeforeStart(aFire().build(), Instant.MAX)).isEmpty();
    }

    @Test
    void a_run_stopped_at_its_deadline_is_a_timeout_whatever_it_returned_keeping_its_delivery_status() {
        HandlerResult after = OutcomeRules.afterStop(Stop.TIMEOUT, fire, HandlerResult.ok(200));
        assertThat(after.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(after.deliveryStatus()).isEqualTo(200);
        assertThat(after.error()).isEqualTo("ran past its deadline " + DEADLINE);
    }

    @Test
    void a_cancelled_run_that_failed_is_cancelled_but_one_that_succeeded_stays_ok() {
        assertThat(OutcomeRules.afterStop(Stop.CANCEL, fire, OutcomeRules.thrown(new InterruptedException("sleep"))))
                .isEqualTo(HandlerResult.cancelled("cancelled (InterruptedException: sleep)"));
        assertThat(OutcomeRules.afterStop(Stop.CANCEL, fire, HandlerResult.ok())).isEqualTo(HandlerResult.ok());
        assertThat(OutcomeRules.afterStop(Stop.CANCEL, fire, HandlerResult.cancelled("half done")))
                .isEqualTo(HandlerResult.cancelled("half done"));
        assertThat(OutcomeRules.afterStop(null, fire, HandlerResult.error("no"))).isEqualTo(HandlerResult.error("no"));
    }
}
