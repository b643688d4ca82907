package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "''{0}'' never fires")
    @ValueSource(strings = {"0 0 30 2 *", "0 0 31 4 *", "0 0 0 31 4 ?", "0 0 0 30 2 ?", "0 0 0 31 2,4,6 ?",
        "0 0 12 L-30 2 ?", "0 0 12 ? 2 MON#5 2027", "0 0 0 29 2 ? 2027", "0 0 12 1 1 ? 1999"})
    void a_cron_that_never_fires_is_refused_naming_schedule(String cron) {
        assertThatThrownBy(() -> validator.validate(spec("a", ScheduleKind.CRON, cron, "noop")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("schedule");
                    assertThat(e.reason()).contains(cron).contains("never fires");
                });
    }

    @ParameterizedTest(name = "''{0}'' fires")
    @ValueSource(strings = {"0 0 29 2 *", "0 0 12 L 2 ?", "0 0 12 ? 2 5#5", "0 0 12 1 1 ? 2099", "0 0 12 27W * ?",
        "0 0 12 1W 2 ?", "0 0 12 LW * ?", "0 0 31 1,4 *"})
    void a_rare_but_possible_cron_is_accepted(String cron) {
        assertThatCode(() -> validator.validate(spec("a", ScheduleKind.CRON, cron, "noop"))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"0 0 12 28W * ?", "0 0 12 31W * ?", "0 0 12 30W 1-3 ?", "0 0 12 31W 4 ?"})
    void a_nearest_weekday_near_the_month_end_is_refused_pointing_to_LW(String cron) {
        assertThatThrownBy(() -> validator.validate(spec("a", ScheduleKind.CRON, cron, "noop")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("schedule");
                    assertThat(e.reason()).contains("LW");
                });
    }

    @Test
    void a_remembered_cron_changes_no_answer() {
        JobSpec neverFires = spec("a", ScheduleKind.CRON, "0 0 30 2 *", "noop");
        String refusal = catchThrowable(() -> validator.validate(neverFires)).getMessage();
        assertThat(refusal).startsWith("schedule: cron '0 0 30 2 *' never fires");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> validator.validate(neverFires)).isInstanceOf(InvalidFieldException.class)
                    .hasMessage(refusal);
            assertThatCode(() -> validator.validate(spec("a", ScheduleKind.CRON, "0 */5 * * * ?", "noop")))
                    .doesNotThrowAnyException();
            assertField(spec("a", ScheduleKind.CRON, "0 61 * * * ?", "noop"), "schedule");
            assertField(spec("a", ScheduleKind.CRON, "0 */5 * * * ?", "mailer"), "handler");
            assertField(spec("a", ScheduleKind.EVERY, "0 */5 * * * ?", "noop"), "schedule");
        }
    }

    @Test
    void the_never_fires_check_is_fast() {
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertField(spec("a", ScheduleKind.CRON, "0 0 " + (30 + i % 2) + " 2 *", "noop"), "schedule");
        }
        // cron-utils gives up after 100 years (about 100 jumps); a spin would take seconds
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_window_that_ends_before_or_when_it_starts_is_refused_naming_notAfter() {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        assertField(window(ScheduleKind.EVERY, "5s", start, start.minusSeconds(1)), "notAfter");
        assertField(window(ScheduleKind.EVERY, "5s", start, start), "notAfter");
        assertThatCode(() -> validator.validate(window(ScheduleKind.EVERY, "5s", start, start.plusMillis(1))))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(window(ScheduleKind.EVERY, "5s", start, null))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(window(ScheduleKind.EVERY, "5s", null, start))).doesNotThrowAnyException();
    }

    @Test
    void an_at_instant_outside_its_window_is_refused_naming_schedule() {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        assertField(window(ScheduleKind.AT, "2026-04-30T23:59:59Z", start, end), "schedule");
        assertField(window(ScheduleKind.AT, "2026-06-01T00:00:01Z", start, end), "schedule");
        assertField(window(ScheduleKind.AT, "2026-06-01T00:00:01Z", null, end), "schedule");
        // both ends are inclusive
        assertThatCode(() -> validator.validate(window(ScheduleKind.AT, "2026-05-01T00:00:00Z", start, end)))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(window(ScheduleKind.AT, "2026-06-01T00:00:00Z", start, end)))
                .doesNotThrowAnyException();
    }

    @Test
    void retries_timeout_and_misfire_limit_are_range_checked() {
        assertField(limits(0, null, null), "maxAttempts");
        assertField(limits(101, null, null), "maxAttempts");
        assertField(limits(null, Duration.ofMillis(999), null), "timeout");
        assertField(limits(null, Duration.ofHours(24).plusMillis(1), null), "timeout");
        assertField(limits(null, Duration.ZERO, null), "timeout");
        assertField(limits(null, null, 0), "misfireLimit");
        assertField(limits(null, null, 10_001), "misfireLimit");
        for (JobSpec ok : new JobSpec[] {limits(1, Duration.ofSeconds(1), 1), limits(100, Duration.ofHours(24), 10_000),
            limits(null, null, null)}) {
            assertThatCode(() -> validator.validate(ok)).doesNotThrowAnyException();
        }
    }

    private static JobSpec window(ScheduleKind kind, String schedule, Instant notBefore, Instant notAfter) {
        return new JobSpec("a", kind, schedule, null, "noop", null, 0, null, null, notBefore, notAfter, null, null, null);
    }

    private static JobSpec limits(Integer maxAttempts, Duration timeout, Integer misfireLimit) {
        return new JobSpec("a", ScheduleKind.EVERY, "5s", null, "noop", null, 0, null, null, null, null,
                maxAttempts, timeout, misfireLimit);
    }

    private void assertField(JobSpec spec, String field) {
        assertThatThrownBy(() -> validator.validate(spec))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }
}
