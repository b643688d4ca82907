package dev.firelane.worker;

import dev.firelane.worker.spi.JobHandler;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link JobHandler}s a worker can run, by name. Immutable (so run threads read it without locks):
 * {@link #with} returns a new registry. Two handlers with one name are refused when the registry is built.
 */
public final class HandlerRegistry {
    private final Map<String, JobHandler> handlers;

    private HandlerRegistry(Map<String, JobHandler> handlers) {
        this.handlers = Collections.unmodifiableMap(handlers);
    }

    /** The handlers listed in {@code META-INF/services/dev.firelane.worker.spi.JobHandler} on the class path. */
    public static HandlerRegistry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /**
     * The handlers on the class path plus those registered in the jars of {@code handlersDir} (each jar's
     * {@code META-INF/services/dev.firelane.worker.spi.JobHandler}); the jars' own dependencies may lie in the same
     * directory. A missing directory is refused; an empty one adds nothing.
     */
    public static HandlerRegistry load(Path handlersDir) {
        return load(HandlerJars.classLoader(handlersDir, Thread.currentThread().getContextClassLoader()));
    }

    /** The handlers that {@code classLoader} lists as {@code JobHandler} services. */
    public static HandlerRegistry load(ClassLoader classLoader) {
        try {
            return of(ServiceLoader.load(JobHandler.class, classLoader).stream().map(ServiceLoader.Provider::get).toList());
        } catch (ServiceConfigurationError e) {
            throw new WorkerException("cannot load job handlers: " + e.getMessage(), e);
        }
    }

    /** A registry of exactly these handlers. */
    public static HandlerRegistry of(JobHandler... handlers) {
        return of(List.of(handlers));
    }

    /** A registry of exactly these handlers. */
    public static HandlerRegistry of(List<? extends JobHandler> handlers) {
        return new HandlerRegistry(add(new LinkedHashMap<>(), handlers));
    }

    /** This registry plus {@code more}. */
    public HandlerRegistry with(JobHandler... more) {
        return new HandlerRegistry(add(new LinkedHashMap<>(handlers), List.of(more)));
    }

    /**
     * This registry with {@code replacements} instead of the handlers of the same names, or added where it
     * has none: how a worker swaps a built-in for one configured otherwise (the {@code http} handler with
     * the configured allow-list).
     */
    public HandlerRegistry replacing(JobHandler... replacements) {
        Map<String, JobHandler> copy = new LinkedHashMap<>(handlers);
        for (JobHandler handler : List.of(replacements)) {
            copy.remove(handler.name());
        }
        return new HandlerRegistry(add(copy, List.of(replacements)));
    }

    public Optional<JobHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    /** The handler names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(handlers.keySet()));
    }

    private static Map<String, JobHandler> add(Map<String, JobHandler> into, List<? extends JobHandler> handlers) {
        for (JobHandler handler : handlers) {
            String name = handler.name();
            if (name == null || name.isBlank()) {
                throw new WorkerException("job handler " + handler.getClass().getName() + " has no name");
            }
            JobHandler before = into.putIfAbsent(name, handler);
            if (before != null) {
                throw new WorkerException("two job handlers are named '" + name + "': " + before.getClass().getName()
                        + " and " + handler.getClass().getName() + "; handler names must be unique");
            }
        }
        return into;
    }

    @Override
    public String toString() {
        return "HandlerRegistry" + names();
    }
}
