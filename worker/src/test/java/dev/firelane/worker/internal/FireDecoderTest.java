package dev.firelane.worker.internal;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FireDecoderTest {
    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("firelane.fires", 0, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] bytes(Fire fire) {
        return Topics.FIRES.valueSerde().serializer().serialize("firelane.fires", fire);
    }

    @Test
    void reads_a_fire_keyed_by_its_job_id() {
        Fire fire = aFire().job("report").payload("{\"a\": 1}").build();
        FireDecoder.Decoded decoded = FireDecoder.decode(record("report", bytes(fire)));
        assertThat(decoded.isRefused()).isFalse();
        assertThat(decoded.fire()).isEqualTo(fire);
    }

    @Test
    void refuses_what_is_not_json_with_the_serde_reason() {
        assertThat(FireDecoder.decode(record("x", "{oops".getBytes(StandardCharsets.UTF_8))).refusal()).startsWith("not JSON");
    }

    @Test
    void refuses_a_fire_of_an_unknown_version() {
        assertThat(FireDecoder.decode(record("x", "{\"v\": 9}".getBytes(StandardCharsets.UTF_8))).refusal())
                .contains("unsupported version v=9");
    }

    @Test
    void refuses_a_tombstone() {
        assertThat(FireDecoder.decode(record("x", null)).refusal()).contains("tombstone");
    }

    @Test
    void refuses_a_fire_under_another_key() {
        Fire fire = aFire().job("report").build();
        assertThat(FireDecoder.decode(record("other", bytes(fire))).refusal())
                .isEqualTo("record key 'other' is not the fire's job id 'report'");
        assertThat(FireDecoder.decode(record(null, bytes(fire))).refusal()).startsWith("record key null");
    }
}
