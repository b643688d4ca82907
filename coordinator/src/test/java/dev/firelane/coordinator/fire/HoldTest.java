package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HoldTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant PAUSED_AT = T0.plusMillis(5_200);

    private static JobState state(JobStatus status, Instant updatedAt) {
        return aJob("j1").status(status).createdAt(T0).updatedAt(updatedAt).build();
    }

    private static ScheduleEntry held(Instant since) {
        return new ScheduleEntry(state(JobStatus.ACTIVE, T0), null, null, null, since);
    }

    @Test
    void pause_and_delete_hold_other_commands_do_not() {
        assertThat(Hold.isHoldCommand(new ControlCommand.Pause("c", "j1", "a", T0, null))).isTrue();
        assertThat(Hold.isHoldCommand(new ControlCommand.Delete("c", "j1", "a", T0, null))).isTrue();
        assertThat(Hold.isHoldCommand(new ControlCommand.Resume("c", "j1", "a", T0, null))).isFalse();
        assertThat(Hold.isHoldCommand(new ControlCommand.Trigger("c", "j1", "a", T0, null))).isFalse();
    }

    @Test
    void the_hold_time_is_the_request_time_to_the_millisecond_like_updated_at() {
        Instant requestedAt = PAUSED_AT.plusNanos(999_999);
        assertThat(Hold.since(new ControlCommand.Pause("c", "j1", "a", requestedAt, null))).isEqualTo(PAUSED_AT);
    }

    @Test
    void a_hold_starts_for_an_active_job_whose_state_is_not_newer_than_the_command() {
        assertThat(Hold.starts(new ScheduleEntry(state(JobStatus.ACTIVE, T0), null, null), PAUSED_AT)).isTrue();
        assertThat(Hold.starts(new ScheduleEntry(state(JobStatus.ACTIVE, PAUSED_AT), null, null), PAUSED_AT))
                .as("same millisecond: held, as keeps() would keep it").isTrue();
        assertThat(Hold.starts(new ScheduleEntry(state(JobStatus.ACTIVE, PAUSED_AT.plusMillis(1)), null, null),
                PAUSED_AT)).as("a later command already applied").isFalse();
        assertThat(Hold.starts(null, PAUSED_AT)).as("unknown").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void a_job_known_as_not_active_is_not_held(JobStatus status) {
        assertThat(Hold.starts(new ScheduleEntry(state(status, T0), null, null), PAUSED_AT)).isFalse();
    }

    @Test
    void the_hold_time_is_the_latest_hold_command() {
        assertThat(Hold.heldSince(held(PAUSED_AT), PAUSED_AT.plusSeconds(1))).isEqualTo(PAUSED_AT.plusSeconds(1));
        assertThat(Hold.heldSince(held(PAUSED_AT), PAUSED_AT.minusSeconds(1))).isEqualTo(PAUSED_AT);
        assertThat(Hold.heldSince(new ScheduleEntry(state(JobStatus.ACTIVE, T0), null, null), PAUSED_AT))
                .isEqualTo(PAUSED_AT);
    }

    @Test
    void an_active_state_not_newer_than_the_hold_keeps_it() {
        assertThat(Hold.keeps(held(PAUSED_AT), state(JobStatus.ACTIVE, PAUSED_AT.minusMillis(100)))).isTrue();
        assertThat(Hold.keeps(held(PAUSED_AT), state(JobStatus.ACTIVE, PAUSED_AT))).isTrue();
    }

    @Test
    void an_active_state_newer_than_the_hold_ends_it() {
        assertThat(Hold.keeps(held(PAUSED_AT), state(JobStatus.ACTIVE, PAUSED_AT.plusMillis(1)))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void any_other_status_ends_it_whatever_its_time(JobStatus status) {
        assertThat(Hold.keeps(held(PAUSED_AT), state(status, T0))).isFalse();
    }

    @Test
    void a_tombstone_ends_it_and_an_entry_not_held_is_never_kept() {
        assertThat(Hold.keeps(held(PAUSED_AT), null)).isFalse();
        assertThat(Hold.keeps(new ScheduleEntry(state(JobStatus.ACTIVE, T0), null, null), state(JobStatus.ACTIVE, T0)))
                .isFalse();
    }
}
