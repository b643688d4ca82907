package dev.firelane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.worker.handlers.NoopHandler;
import dev.firelane.worker.handlers.SleepHandler;
import dev.firelane.worker.handlers.http.HttpHandler;
import dev.firelane.worker.handlers.http.HttpHandlerConfig;
import dev.firelane.worker.testing.BlockingHandler;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {
    @Test
    void load_finds_the_built_in_handlers_through_the_service_file() {
        HandlerRegistry registry = HandlerRegistry.load();
        assertThat(registry.names()).containsExactly("http", "noop", "sleep");
        assertThat(registry.find("noop")).get().isInstanceOf(NoopHandler.class);
        assertThat(registry.find("sleep")).get().isInstanceOf(SleepHandler.class);
        assertThat(registry.find("http")).get().isInstanceOf(HttpHandler.class);
        assertThat(registry.find("nope")).isEmpty();
    }

    @Test
    void with_adds_handlers_and_leaves_the_original_unchanged() {
        HandlerRegistry loaded = HandlerRegistry.load();
        HandlerRegistry more = loaded.with(new BlockingHandler("block"));
        assertThat(more.names()).containsExactly("block", "http", "noop", "sleep");
        assertThat(loaded.names()).containsExactly("http", "noop", "sleep");
    }

    @Test
    void replacing_swaps_a_built_in_for_a_configured_one() {
        HttpHandler configured = new HttpHandler(HttpHandlerConfig.builder().allow("127.0.0.1/32").build());
        HandlerRegistry registry = HandlerRegistry.load().replacing(configured);
        assertThat(registry.names()).containsExactly("http", "noop", "sleep");
        assertThat(registry.find("http")).get().isSameAs(configured);
    }

    @Test
    void two_handlers_with_one_name_fail_fast_naming_both_classes() {
        assertThatThrownBy(() -> HandlerRegistry.load().with(new BlockingHandler("noop")))
                .isInstanceOf(WorkerException.class)
                .hasMessageContaining("'noop'")
                .hasMessageContaining(NoopHandler.class.getName())
                .hasMessageContaining(BlockingHandler.class.getName());
    }

    @Test
    void a_handler_without_a_name_is_refused() {
        assertThatThrownBy(() -> HandlerRegistry.of(new BlockingHandler(" ")))
                .isInstanceOf(WorkerException.class)
                .hasMessageContaining("has no name");
    }
}
