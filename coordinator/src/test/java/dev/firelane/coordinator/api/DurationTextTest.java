package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.InvalidFieldException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void format_uses_the_largest_unit_that_states_the_value_exactly() {
        assertThat(DurationText.format(1500L)).isEqualTo("1500ms");
        assertThat(DurationText.format(30_000L)).isEqualTo("30s");
        assertThat(DurationText.format(90_000L)).isEqualTo("90s");
        assertThat(DurationText.format(120_000L)).isEqualTo("2m");
        assertThat(DurationText.format(5_400_000L)).isEqualTo("90m");
        assertThat(DurationText.format(3_600_000L)).isEqualTo("1h");
        assertThat(DurationText.format(86_400_000L)).isEqualTo("1d");
        assertThat(DurationText.format(0L)).isEqualTo("0s");
        assertThat(DurationText.format((Long) null)).isNull();
    }

    @Test
    void formatted_text_parses_back_to_the_same_duration() {
        for (long ms : new long[] {1500, 30_000, 90_000, 120_000, 3_600_000, 86_400_000}) {
            assertThat(DurationText.parse("timeout", DurationText.format(ms))).isEqualTo(Duration.ofMillis(ms));
        }
        assertThat(DurationText.format(DurationText.parse("timeout", "PT1M30S"))).isEqualTo("90s");
    }

    @Test
    void parse_refusals_name_the_field() {
        assertThatThrownBy(() -> DurationText.parse("timeout", "soon"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
    }
}
