package dev.firelane.coordinator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Makes the registries Firelane uses. A process creates one Prometheus registry in its wiring place
 * ({@code CoordinatorRuntime}, {@code DevMode}) and passes it to every component; there is no global one.
 */
public final class MeterRegistries {
    private MeterRegistries() {
    }

    /** A Prometheus registry with the JVM and process meters bound (memory, threads, CPU, uptime). */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** A registry that keeps nothing: the default of components nobody asked to measure. */
    public static MeterRegistry none() {
        return new CompositeMeterRegistry();
    }
}
