package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FireIdsTest {
    private static final Instant T = Instant.ofEpochMilli(1_767_225_600_000L);

    @Test
    void the_first_incarnation_keeps_the_plain_form() {
        assertThat(FireIds.of("nightly", T, 1)).isEqualTo("nightly@1767225600000");
        assertThat(FireIds.of("nightly", 1, T, 2)).isEqualTo("nightly@1767225600000#2");
        assertThat(FireIds.incarnationOf("nightly@1767225600000#2")).isEqualTo(1);
        assertThat(FireIds.jobIdOf("nightly@1767225600000#2")).isEqualTo("nightly");
    }

    @Test
    void a_re_created_job_s_fires_never_share_an_id_with_the_first_incarnation_s() {
        String first = FireIds.of("report.daily", 1, T, 1);
        String second = FireIds.of("report.daily", 2, T, 1);

        assertThat(second).isEqualTo("report.daily~2@1767225600000").isNotEqualTo(first);
        assertThat(FireIds.of("report.daily", 12, T, 3)).isEqualTo("report.daily~12@1767225600000#3");
        assertThat(FireIds.jobIdOf(second)).isEqualTo("report.daily");
        assertThat(FireIds.incarnationOf("report.daily~12@1767225600000#3")).isEqualTo(12);
    }

    @Test
    void a_malformed_id_is_refused_with_the_expected_form() {
        assertThatThrownBy(() -> FireIds.jobIdOf("no-at-sign"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("jobId[~incarnation]@epochMillis");
        assertThatThrownBy(() -> FireIds.incarnationOf("job~x@1"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("'job~x@1'");
    }

    @Test
    void job_state_and_fire_written_before_incarnations_read_as_the_first() {
        var spec = JobSpec.of("demo", ScheduleKind.EVERY, "5s", "noop", JsonNodeFactory.instance.objectNode());
        var states = Topics.JOB_STATE.valueSerde();
        String written = new String(states.serializer().serialize("t", new JobState(spec, JobStatus.ACTIVE, 3, T, T, 1)),
                StandardCharsets.UTF_8);
        String before = written.replace(",\"incarnation\":1", "");
        assertThat(before).doesNotContain("incarnation");
        JobState read = states.deserializer().deserialize("t", before.getBytes(StandardCharsets.UTF_8));
        assertThat(read.incarnation()).isEqualTo(1);

        var fires = Topics.FIRES.valueSerde();
        String fire = new String(fires.serializer().serialize("t", new Fire("demo@1", "demo", T, T, 1, "noop", null, null, 3)),
                StandardCharsets.UTF_8).replace(",\"incarnation\":1", "");
        assertThat(fire).doesNotContain("incarnation");
        assertThat(fires.deserializer().deserialize("t", fire.getBytes(StandardCharsets.UTF_8)).incarnation()).isEqualTo(1);
    }

    @Test
    void incarnations_round_trip_on_the_topics() {
        var spec = JobSpec.of("demo", ScheduleKind.EVERY, "5s", "noop", JsonNodeFactory.instance.objectNode());
        JobState state = new JobState(spec, JobStatus.ACTIVE, 1, T, T, 4);
        var states = Topics.JOB_STATE.valueSerde();
        assertThat(states.deserializer().deserialize("t", states.serializer().serialize("t", state))).isEqualTo(state);

        Fire fire = new Fire(FireIds.of("demo", 4, T, 1), "demo", T, T, 1, "noop", null, null, 1, 4);
        var fires = Topics.FIRES.valueSerde();
        assertThat(fires.deserializer().deserialize("t", fires.serializer().serialize("t", fire))).isEqualTo(fire);
    }

    @Test
    void a_state_is_older_than_another_by_incarnation_then_generation() {
        var spec = JobSpec.of("demo", ScheduleKind.EVERY, "5s", "noop", JsonNodeFactory.instance.objectNode());
        JobState gen5 = new JobState(spec, JobStatus.PAUSED, 5, T, T, 1);
        JobState gen4 = new JobState(spec, JobStatus.ACTIVE, 4, T, T, 1);
        JobState reborn = new JobState(spec, JobStatus.ACTIVE, 1, T, T, 2);

        assertThat(gen4.isOlderThan(gen5)).isTrue();
        assertThat(gen5.isOlderThan(gen4)).isFalse();
        assertThat(gen5.isOlderThan(gen5)).isFalse();
        assertThat(gen5.isOlderThan(reborn)).isTrue();
        assertThat(reborn.isOlderThan(gen5)).isFalse();
    }
}
