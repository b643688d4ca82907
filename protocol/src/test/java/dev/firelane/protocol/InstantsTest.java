package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantsTest {
    private static final Random RANDOM = new Random(42);

    @Test
    void prints_what_the_jdk_prints_for_any_instant() {
        for (int i = 0; i < 100_000; i++) {
            Instant instant = randomInstant();
            assertThat(Instants.iso(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
            assertThat(Instants.sqlMillis(instant))
                    .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.ofEpochSecond(253_402_300_800L), Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 1)}) {
            assertThat(Instants.iso(edge)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(edge));
            if (edge.getEpochSecond() > -62_167_219_200L && edge.getEpochSecond() < 253_402_300_800L) {
                assertThat(Instants.sqlMillis(edge)).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                        .format(LocalDateTime.ofInstant(edge, ZoneOffset.UTC)));
            }
        }
    }

    @Test
    void reads_back_what_it_prints_and_what_the_jdk_reads() {
        for (int i = 0; i < 100_000; i++) {
            Instant instant = randomInstant();
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(Instants.parseCanonical(text)).isEqualTo(instant);
            String tenths = text.replaceFirst("(\\.\\d)\\d*Z$", "$1Z");
            assertThat(Instants.parseIso(tenths)).isEqualTo(Instant.parse(tenths));
        }
    }

    @Test
    void leaves_other_forms_to_the_jdk_and_refuses_what_it_refuses() {
        assertThat(Instants.parseCanonical("2026-11-26T10:00:00+01:00")).isNull();
        assertThat(Instants.parseIso("2026-11-26T10:00:00+01:00")).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(Instants.parseIso("2026-11-26t10:00:00z")).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        for (String lenient : new String[] {"2026-11-26T24:00:00Z", "2026-11-26T10:00:00.Z", "2026-11-26T23:59:60Z"}) {
            assertThat(Instants.parseCanonical(lenient)).as(lenient).isNull();
            assertThat(Instants.parseIso(lenient)).as(lenient).isEqualTo(Instant.parse(lenient));
        }
        for (String bad : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-26T10:60:00Z",
                "2026-11-26T10:00:00.1234567890Z", "2026-11-2xT10:00:00Z", "2026-11-26T10:00:00", "tomorrow"}) {
            assertThat(Instants.parseCanonical(bad)).as(bad).isNull();
            assertThatThrownBy(() -> Instants.parseIso(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void the_firelane_mapper_writes_and_reads_instants_like_jackson_does() throws Exception {
        ObjectMapper firelane = Json.newMapper();
        for (int i = 0; i < 10_000; i++) {
            Instant instant = randomInstant();
            String json = firelane.writeValueAsString(instant);
            assertThat(json).isEqualTo("\"" + DateTimeFormatter.ISO_INSTANT.format(instant) + "\"");
            assertThat(firelane.readValue(json, Instant.class)).isEqualTo(instant);
        }
        assertThat(firelane.readValue("\"2026-11-26T10:00:00+01:00\"", Instant.class)).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(firelane.readValue("1764151200", Instant.class)).isEqualTo(Instant.ofEpochSecond(1764151200));
        assertThatThrownBy(() -> firelane.readValue("\"2026-02-30T10:00:00Z\"", Instant.class))
                .hasMessageContaining("2026-02-30T10:00:00Z");
    }

    private static Instant randomInstant() {
        long seconds = RANDOM.nextLong(-62_167_219_200L, 253_402_300_800L); // 0000-01-01 .. 9999-12-31
        int nanos = switch (RANDOM.nextInt(4)) {
            case 0 -> 0;
            case 1 -> RANDOM.nextInt(1000) * 1_000_000;
            case 2 -> RANDOM.nextInt(1_000_000) * 1_000;
            default -> RANDOM.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
