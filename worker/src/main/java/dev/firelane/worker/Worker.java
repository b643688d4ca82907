package dev.firelane.worker;

import dev.firelane.worker.internal.Counters;
import dev.firelane.worker.internal.LoopSettings;
import dev.firelane.worker.internal.PollLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless worker: one member of the workers' consumer group on the {@code fires} topic. It runs each
 * fire with the handler the fire names and publishes {@code Started} and {@code Completed} run events;
 * a fire's offset is committed only once its {@code Completed} is on the broker, so a crash means
 * redelivery, never loss (the status stream dedupes by fire id). Records that are not fires go to the
 * {@code dlq}. It never touches the database.
 *
 * <pre>{@code
 * try (Worker worker = new Worker(WorkerConfig.builder("localhost:9092").build(), HandlerRegistry.load(), Clock.systemUTC())) {
 *     worker.start();
 *     ...
 * } // close() drains the runs in flight
 * }</pre>
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** Beyond the drain timeout, what close() allows for the final commit and closing the clients. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final WorkerConfig config;
    private final HandlerRegistry registry;
    private final Clock clock;
    private final Counters counters = new Counters();
    private volatile PollLoop loop;
    private Thread thread;
    private boolean closed;

    public Worker(WorkerConfig config, HandlerRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Connects and starts the poll loop on its own thread. Call once. */
    public synchronized void start() {
        if (closed || loop != null) {
            throw new IllegalStateException("worker " + config.workerId() + " was already started");
        }
        log.info("worker {} starting with handlers {}: {}", config.workerId(), registry.names(), config);
        Producer<byte[], byte[]> producer = new KafkaProducer<>(ClientSettings.producer(config));
        Consumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(ClientSettings.consumer(config));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new WorkerException("worker " + config.workerId() + " cannot create its consumer: " + e.getMessage(), e);
        }
        loop = new PollLoop(consumer, producer, new LoopSettings(config.workerId(), config.topicPrefix(),
                config.maxConcurrentRuns(), config.pollTimeout(), config.drainTimeout(), registry, clock, counters));
        thread = new Thread(loop, "firelane-worker-" + config.workerId());
        thread.start();
    }

    /**
     * Stops taking fires, waits up to the drain timeout for the runs in flight (their completions are
     * published and committed), then closes the Kafka clients. Runs still going after the drain timeout are
     * interrupted and left to be redelivered. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            if (!loop.awaitFinished(config.drainTimeout().plus(CLOSE_GRACE))) {
                log.warn("worker {} did not stop within {}", config.workerId(), config.drainTimeout().plus(CLOSE_GRACE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the runs of {@code fireId} on this worker to stop ({@link dev.firelane.worker.spi.RunContext#isCancelled()}
     * turns true); false when no such run is in flight here.
     */
    public boolean cancel(String fireId) {
        PollLoop current = loop;
        return current != null && current.cancel(fireId);
    }

    public String workerId() {
        return config.workerId();
    }

    public WorkerConfig config() {
        return config;
    }

    /** What this worker has done so far. */
    public WorkerCounters counters() {
        return counters;
    }
}
