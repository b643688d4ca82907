package dev.firelane.testkit;

import static dev.firelane.testkit.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FireBuilderTest {
    @Test
    void the_fire_id_follows_the_coordinator_rule_with_the_attempt_for_retries() {
        Instant at = Instant.parse("2030-06-01T12:00:00Z");
        assertThat(aFire().job("report").scheduledAt(at).build().fireId()).isEqualTo(FireIds.of("report", at, 1))
                .isEqualTo("report@" + at.toEpochMilli());
        assertThat(aFire().job("report").scheduledAt(at).attempt(3).build().fireId()).endsWith("#3");
    }

    @Test
    void a_timeout_sets_the_deadline_from_the_schedule_time_and_the_last_of_timeout_and_deadline_wins() {
        Fire withTimeout = aFire().deadline(Instant.EPOCH).timeout(Duration.ofSeconds(30)).build();
        assertThat(withTimeout.deadline()).isEqualTo(FireBuilder.DEFAULT_SCHEDULED_AT.plusSeconds(30));
        Instant deadline = Instant.parse("2030-01-01T00:05:00Z");
        assertThat(aFire().timeout(Duration.ofSeconds(30)).deadline(deadline).build().deadline()).isEqualTo(deadline);
        assertThat(aFire().build().deadline()).isNull();
    }

    @Test
    void the_defaults_are_a_first_attempt_without_payload_fired_at_its_schedule_time() {
        Fire fire = aFire().build();
        assertThat(fire.jobId()).isEqualTo(FireBuilder.DEFAULT_JOB_ID);
        assertThat(fire.handler()).isEqualTo(FireBuilder.DEFAULT_HANDLER);
        assertThat(fire.attempt()).isOne();
        assertThat(fire.payload()).isNull();
        assertThat(fire.firedAt()).isEqualTo(fire.scheduledAt()).isEqualTo(FireBuilder.DEFAULT_SCHEDULED_AT);
    }

    @Test
    void a_payload_that_is_not_json_or_a_bad_attempt_or_timeout_is_refused() {
        assertThatThrownBy(() -> aFire().payload("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload is not JSON");
        assertThatThrownBy(() -> aFire().attempt(0)).hasMessageContaining("attempt");
        assertThatThrownBy(() -> aFire().timeout(Duration.ZERO)).hasMessageContaining("timeout");
    }
}
