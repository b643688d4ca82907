package dev.firelane.worker.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.RunOutcome;
import org.junit.jupiter.api.Test;

class HandlerResultTest {
    @Test
    void factories_map_to_run_outcomes() {
        assertThat(HandlerResult.ok()).isEqualTo(new HandlerResult(RunOutcome.OK, null, null));
        assertThat(HandlerResult.ok(204)).isEqualTo(new HandlerResult(RunOutcome.OK, null, 204));
        assertThat(HandlerResult.error("bad")).isEqualTo(new HandlerResult(RunOutcome.ERROR, "bad", null));
        assertThat(HandlerResult.error("bad", 503).deliveryStatus()).isEqualTo(503);
        assertThat(HandlerResult.cancelled("stop").outcome()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void an_error_needs_a_message_and_an_ok_has_none() {
        assertThatThrownBy(() -> HandlerResult.error(" ")).hasMessageContaining("needs a message");
        assertThatThrownBy(() -> HandlerResult.error(null)).hasMessageContaining("needs a message");
        assertThatThrownBy(() -> new HandlerResult(RunOutcome.OK, "oops", null)).hasMessageContaining("no error message");
    }

    @Test
    void a_handler_may_report_its_own_timeout_but_never_an_abandonment() {
        assertThat(HandlerResult.timeout("request took over 5 s", null).outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThatThrownBy(() -> HandlerResult.timeout(" ", null)).hasMessageContaining("needs a message");
        assertThatThrownBy(() -> new HandlerResult(RunOutcome.ABANDONED, "gone", null)).hasMessageContaining("abandoned");
    }

    @Test
    void skipping_a_fire_is_the_workers_call_not_a_handlers() {
        assertThatThrownBy(() -> new HandlerResult(RunOutcome.SKIPPED, "paused", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skipped");
    }
}
