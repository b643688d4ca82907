package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobSpecValidatorTest {
    private final JobSpecValidator validator = new JobSpecValidator(100, Set.of("noop", "sleep"));

    private static JobSpec spec(String id, ScheduleKind kind, String schedule, String handler) {
        return JobSpec.of(id, kind, schedule, handler, null);
    }

    @Test
    void accepts_every_at_and_both_cron_flavours() {
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.EVERY, "5s", "noop"))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.EVERY, "PT10M", "noop"))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.AT, "2026-01-01T00:00:00Z", "noop"))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.CRON, "0 */5 * * * ?", "noop"))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.CRON, "*/5 * * * *", "noop"))).doesNotThrowAnyException();
    }

    @Test
    void names_the_field_at_fault() {
        assertField(spec("-bad", ScheduleKind.EVERY, "5s", "noop"), "id");
        assertField(spec("a".repeat(129), ScheduleKind.EVERY, "5s", "noop"), "id");
        assertField(spec("a", ScheduleKind.CRON, "not a cron", "noop"), "schedule");
        assertField(spec("a", ScheduleKind.CRON, "0 0 99 * * ?", "noop"), "schedule");
        assertField(spec("a", ScheduleKind.EVERY, "0s", "noop"), "schedule");
        assertField(spec("a", ScheduleKind.EVERY, "fast", "noop"), "schedule");
        assertField(spec("a", ScheduleKind.AT, "tomorrow", "noop"), "schedule");
        assertField(spec("a", ScheduleKind.EVERY, "5s", "teleport"), "handler");
        assertField(new JobSpec("a", ScheduleKind.CRON, "* * * * *", "Mars/Olympus", "noop", null, 0, null, null), "timeZone");
        assertField(JobSpec.of("a", ScheduleKind.EVERY, "5s", "noop",
                JsonNodeFactory.instance.objectNode().put("blob", "x".repeat(200))), "payload");
    }

    private void assertField(JobSpec spec, String field) {
        assertThatThrownBy(() -> validator.validate(spec))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field));
    }
}
