package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.Json;
import dev.firelane.protocol.VersionedJsonSerde;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code schedules} store's values: what is stored now, and entries stored before holds existed. */
class ScheduleEntrySerdeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final VersionedJsonSerde<ScheduleEntry> serde = VersionedJsonSerde.of(ScheduleEntry.class);

    @Test
    void a_held_entry_round_trips() {
        ScheduleEntry held = new ScheduleEntry(aJob("j1").createdAt(T0).build(), null, T0.plusSeconds(5), null,
                T0.plusMillis(5_200));

        assertThat(serde.deserialize("t", serde.serialize("t", held))).isEqualTo(held);
    }

    @Test
    void an_entry_stored_without_the_hold_field_reads_as_not_held() throws Exception {
        ScheduleEntry entry = new ScheduleEntry(aJob("j1").createdAt(T0).build(), T0.plusSeconds(10), T0.plusSeconds(5),
                T0.plusSeconds(10));
        ObjectNode json = (ObjectNode) Json.newMapper().readTree(serde.serialize("t", entry));
        assertThat(json.has("heldSince")).as("null fields are not written").isFalse();
        json.remove("heldSince");

        ScheduleEntry read = serde.deserialize("t", Json.newMapper().writeValueAsBytes(json));

        assertThat(read).isEqualTo(entry);
        assertThat(read.held()).isFalse();
        assertThat(read.firing()).isTrue();
    }

    @Test
    void derived_flags_are_not_stored() throws Exception {
        JsonNode json = Json.newMapper().readTree(serde.serialize("t",
                new ScheduleEntry(aJob("j1").createdAt(T0).build(), null, null, null, T0)));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("v", "job", "heldSince", "lastHoldAt");
    }
}
