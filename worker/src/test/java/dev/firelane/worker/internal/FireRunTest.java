package dev.firelane.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FireRunTest {
    @Test
    void an_exception_is_described_by_its_class_and_message() {
        assertThat(FireRun.describe(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
        assertThat(FireRun.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(FireRun.describe(new RuntimeException() { })).isEqualTo(FireRunTest.class.getName() + "$1");
    }

    @Test
    void long_errors_are_clipped_to_the_column_width() {
        String clipped = FireRun.clip("x".repeat(5000));
        assertThat(clipped).hasSize(FireRun.MAX_ERROR_CHARS).endsWith("…");
        assertThat(FireRun.clip("short")).isEqualTo("short");
        assertThat(FireRun.clip(null)).isNull();
    }
}
