package dev.firelane.worker;

import dev.firelane.worker.internal.ControlListener;
import dev.firelane.worker.internal.Counters;
import dev.firelane.worker.internal.JobStateBook;
import dev.firelane.worker.internal.JobStateListener;
import dev.firelane.worker.internal.LoopSettings;
import dev.firelane.worker.internal.PollLoop;
import dev.firelane.worker.internal.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless worker: one member of the workers' consumer group on the {@code fires} topic. It runs each
 * fire with the handler the fire names and publishes {@code Started}, a {@code Heartbeat} every
 * {@linkplain WorkerConfig#heartbeatInterval() heartbeat interval} while the run goes on, and
 * {@code Completed}; a fire's offset is committed only once its {@code Completed} is on the broker, so a
 * crash means redelivery, never loss (the status stream dedupes by fire id). It enforces fire deadlines
 * ({@code timeout}), and a reader of {@code control} outside the group brings operators' cancels to the
 * run they name ({@code cancelled}). A reader of {@code job-state} tells it which jobs were paused since it
 * started: a fire emitted before its job's pause that has not started yet is settled {@code skipped}
 * instead of run. Records that are not fires go to the {@code dlq}. It never touches the database.
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
    private final MeterRegistry meters;
    private final Counters counters = new Counters();
    private final JobStateBook jobStates = new JobStateBook();
    private volatile PollLoop loop;
    private volatile ControlListener control;
    private volatile JobStateListener jobStateListener;
    private boolean closed;

    /** A worker whose metrics go to a registry of its own (see {@link #meterRegistry()}). */
    public Worker(WorkerConfig config, HandlerRegistry registry, Clock clock) {
        this(config, registry, clock, new SimpleMeterRegistry());
    }

    /**
     * @param meters where the {@code firelane.worker.*} meters go, tagged {@code worker=<workerId>}; several
     *               workers may share one registry
     */
    public Worker(WorkerConfig config, HandlerRegistry registry, Clock clock, MeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Connects and starts the poll loop, the cancel listener and the job-state listener, each on its own
     * thread. Call once.
     */
    public synchronized void start() {
        if (closed || loop != null) {
            throw new IllegalStateException("worker " + config.workerId() + " was already started");
        }
        log.info("worker {} starting with handlers {}: {}", config.workerId(), registry.names(), config);
        List<AutoCloseable> created = new ArrayList<>();
        Producer<byte[], byte[]> producer;
        Consumer<byte[], byte[]> consumer;
        Consumer<byte[], byte[]> controlConsumer;
        Consumer<byte[], byte[]> jobStateConsumer;
        try {
            producer = keep(created, new KafkaProducer<>(ClientSettings.producer(config)));
            consumer = keep(created, new KafkaConsumer<>(ClientSettings.consumer(config)));
            controlConsumer = keep(created, new KafkaConsumer<>(ClientSettings.control(config)));
            jobStateConsumer = keep(created, new KafkaConsumer<>(ClientSettings.jobState(config)));
        } catch (RuntimeException e) {
            created.forEach(Worker::closeQuietly);
            throw new WorkerException("worker " + config.workerId() + " cannot create its Kafka clients: " + e.getMessage(), e);
        }
        counters.exportTo(new WorkerMetrics(meters, config.workerId(), counters::inFlight));
        PollLoop newLoop = new PollLoop(consumer, producer, new LoopSettings(config, registry, clock, counters, jobStates));
        loop = newLoop;
        control = new ControlListener(controlConsumer, config.topicPrefix(), config.workerId(), newLoop::cancel);
        jobStateListener = new JobStateListener(jobStateConsumer, config.topicPrefix(), config.workerId(), jobStates);
        daemon(control, "firelane-control-" + config.workerId());
        daemon(jobStateListener, "firelane-job-state-" + config.workerId());
        new Thread(newLoop, "firelane-worker-" + config.workerId()).start();
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
            control.stop();
            jobStateListener.stop();
            control.awaitFinished(Duration.ofSeconds(10));
            jobStateListener.awaitFinished(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the run of {@code fireId} on this worker to stop ({@link dev.firelane.worker.spi.RunContext#isCancelled()}
     * turns true; see {@link WorkerConfig#cancelGrace()}); false when no such run is in flight here. The
     * cancel is remembered, so the fire is cancelled if it starts here later. Operators cancel through the
     * {@code control} topic, which every worker reads.
     */
    public boolean cancel(String fireId) {
        PollLoop current = loop;
        return current != null && current.cancel(dev.firelane.protocol.FireIds.jobIdOf(fireId), fireId);
    }

    /** Whether the poll loop is running: started, not stopped, not died. */
    public boolean isRunning() {
        PollLoop current = loop;
        return current != null && current.isRunning();
    }

    /** Whether operators' cancels reach this worker now (it reads the control topic). */
    public boolean listensForCancels() {
        ControlListener current = control;
        return current != null && current.isListening();
    }

    /**
     * Whether pauses applied from now on reach this worker (it reads {@code job-state}), so that fires of a
     * job paused after they were emitted are skipped rather than started here.
     */
    public boolean listensForJobStates() {
        JobStateListener current = jobStateListener;
        return current != null && current.isListening();
    }

    /** What this worker has learned from {@code job-state} (tests look here). */
    JobStateBook jobStates() {
        return jobStates;
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

    /** The registry this worker's meters are in. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    private static <C extends AutoCloseable> C keep(List<AutoCloseable> created, C client) {
        created.add(client);
        return client;
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            log.debug("closing a client of a worker that failed to start: {}", e.toString());
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
