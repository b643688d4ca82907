package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scans from the {@link ScanFloor}: what they return, and when the floor moves. */
class DueIndexTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private KeyValueStore<String, String> store;
    private final ScanFloor floor = new ScanFloor();
    private DueIndex index;

    @BeforeEach
    void open() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        index = new DueIndex(store, floor);
    }

    private static Instant t(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void returns_what_is_due_in_time_order_and_nothing_later() {
        index.add(t(20), "b");
        index.add(t(10), "a");
        index.add(t(30), "c");

        assertThat(index.due(t(20), 10)).extracting(kv -> kv.value).containsExactly("a", "b");
    }

    @Test
    void once_handled_the_next_scan_starts_after_what_it_saw() {
        index.add(t(10), "a");
        index.due(t(20), 10);
        index.remove(t(10), "a");
        index.handled();

        // a key written behind the floor without add() (which would lower it) is not looked at any more
        store.put(DueIndex.key(t(15), "hidden"), "hidden");

        assertThat(index.due(t(30), 10)).isEmpty();
        assertThat(floor.millis()).as("moved past t(20) by the first scan").isEqualTo(t(21).toEpochMilli());
        index.handled();
        assertThat(floor.millis()).isEqualTo(t(31).toEpochMilli());
    }

    @Test
    void peeking_ahead_skips_scans_before_the_first_key_and_never_misses_a_key_added_or_moved_meanwhile() {
        DueIndex peeking = new DueIndex(store, floor, true);
        peeking.add(t(100), "late");
        peeking.due(t(10), 10);
        peeking.handled();
        // written without add(): a scan would find it, a skipped one does not — so this shows the skip
        store.put(DueIndex.key(t(50), "unannounced"), "unannounced");

        assertThat(peeking.due(t(60), 10)).as("nothing is known before t(100): no scan").isEmpty();
        peeking.handled();

        peeking.add(t(70), "added");
        assertThat(peeking.due(t(80), 10)).extracting(kv -> kv.value).containsExactly("unannounced", "added");
        peeking.remove(t(50), "unannounced");
        peeking.remove(t(70), "added");
        peeking.handled();

        peeking.remove(t(100), "late"); // deleted ahead of its time, as a run that ends deletes its expiry
        peeking.add(t(200), "moved");
        assertThat(peeking.due(t(150), 10)).isEmpty();
        peeking.handled();
        assertThat(peeking.due(t(250), 10)).extracting(kv -> kv.value).containsExactly("moved");
    }

    @Test
    void a_key_added_behind_the_floor_is_found() {
        index.due(t(20), 10);
        index.handled();

        index.add(t(5), "late");

        assertThat(index.due(t(30), 10)).extracting(kv -> kv.value).containsExactly("late");
    }

    @Test
    void a_scan_not_handled_leaves_the_floor() {
        index.add(t(10), "a");
        index.due(t(20), 10); // e.g. the punctuation failed half-way

        assertThat(index.due(t(30), 10)).extracting(kv -> kv.value).containsExactly("a");
    }

    @Test
    void a_scan_that_reached_its_limit_leaves_the_floor_at_what_it_did_not_see() {
        index.add(t(10), "a");
        index.add(t(11), "b");
        index.due(t(20), 1);
        index.remove(t(10), "a");
        index.handled();

        assertThat(index.due(t(20), 1)).extracting(kv -> kv.value).containsExactly("b");
    }

    @Test
    void keys_are_millis_padded_to_nineteen_digits_and_sort_by_time() {
        for (long millis : new long[] {0, 7, 1_764_151_200_123L, Long.MAX_VALUE, -5}) {
            assertThat(DueIndex.millis(millis)).isEqualTo(String.format("%019d", millis));
        }
        assertThat(DueIndex.key(Instant.ofEpochMilli(1_764_151_200_123L), "job")).isEqualTo("0000001764151200123|job");
        assertThat(DueIndex.key(Instant.ofEpochMilli(-1), "old")).isEqualTo("0000000000000000000|old");
    }

    @Test
    void keys_of_one_millisecond_are_all_in_range_whatever_their_id() {
        index.add(t(10), "a");
        index.add(t(10), "zz~");

        assertThat(index.due(t(10), 10)).extracting(kv -> kv.key)
                .containsExactly(DueIndex.key(t(10), "a"), DueIndex.key(t(10), "zz~"));
    }
}
