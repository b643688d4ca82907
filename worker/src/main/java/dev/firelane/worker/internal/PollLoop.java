package dev.firelane.worker.internal;

import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's consumer thread. Reads fires, starts runs while there is room, pauses the partitions when
 * full (still polling, so the group membership holds), and commits per partition the highest contiguous
 * offset whose completion the broker acknowledged. It alone touches the consumer; other threads talk to
 * it through the signal queue. When partitions are revoked (a rebalance) it drains them like a shutdown:
 * fires not started are left to the next owner, runs in flight from them may finish (up to the drain
 * timeout) and their outcomes are committed before the partitions move, so the next owner does not run
 * them again.
 */
public final class PollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Commits are batched: one request per interval at most, whatever the fire rate. */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String firesTopic;
    private final String workerId;
    private final Duration pollTimeout;
    private final Duration drainTimeout;
    private final Clock clock;
    private final Counters counters;
    private final BlockingQueue<Signal> signals;
    private final Publisher publisher;
    private final Runs runs;
    private final OffsetTracker offsets = new OffsetTracker();
    private final ArrayDeque<PendingFire> pending = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean running;
    private boolean drained;
    private long lastCommit = System.nanoTime();
    private long lastPoll = System.nanoTime();
    private long lastLag = System.nanoTime();

    public PollLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, LoopSettings settings) {
        this.consumer = consumer;
        this.producer = producer;
        this.firesTopic = Topics.FIRES.name(settings.config().topicPrefix());
        this.workerId = settings.config().workerId();
        this.pollTimeout = settings.config().pollTimeout();
        this.drainTimeout = settings.config().drainTimeout();
        this.clock = settings.clock();
        this.counters = settings.counters();
        this.signals = new LinkedBlockingQueue<>();
        this.publisher = new Publisher(producer, settings.config().topicPrefix(), signals, counters);
        this.runs = new Runs(settings, publisher, signals);
    }

    @Override
    public void run() {
        running = true;
        try {
            consumer.subscribe(List.of(firesTopic), new Rebalance());
            log.info("worker {} polling {}", workerId, firesTopic);
            while (!stopping) {
                try {
                    iterate();
                } catch (WakeupException e) {
                    // nothing calls wakeup() today; harmless if something does
                } catch (Exception e) {
                    counters.loopError();
                    log.error("worker {} poll loop error, carrying on", workerId, e);
                    awaitSignal(pollTimeout); // no hot loop when the error repeats
                }
            }
            drain();
        } catch (Exception e) {
            counters.loopError();
            log.error("worker {} poll loop stopped by an error", workerId, e);
        } finally {
            closeClients();
            running = false;
            finished.countDown();
        }
    }

    /** Whether the loop is up: started and not yet stopped. */
    public boolean isRunning() {
        return running && !stopping;
    }

    /** Stops taking fires; the loop then drains runs in flight and closes the clients. */
    public void stop() {
        stopping = true;
        signals.add(Signal.Nudge.INSTANCE);
    }

    /** Waits for the loop to finish; false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the run of {@code fireId} of {@code jobId} on this worker to stop; remembered if it starts later. */
    public boolean cancel(String jobId, String fireId) {
        return runs.cancel(jobId, fireId);
    }

    /*
     * What the loop adds to a fire's start (StartLatencyProbe measures each path; none waits for the poll
     * timeout or the commit interval, and commits never hold a start back):
     * - idle worker: the loop sits in poll(pollTimeout), whose fetch the broker answers as soon as the fire is
     *   appended (fetch.min.bytes=1); the next iteration starts it. Added: nothing beyond that fetch response.
     * - full worker, fire already polled (pending): the run that frees a slot signals, awaitSignal returns at
     *   once and startPending starts the fire. Added: a thread wake-up.
     * - full worker, fire not polled yet (partitions paused): the same signal wakes the loop, which resumes
     *   and polls; the consumer returns a fire fetched while paused at once, else fetches it. Added: at most
     *   one fetch round trip.
     * - partitions just assigned: up to fetch.max.wait.ms (500 ms) while a fetch to the same broker for the
     *   other partitions is in flight; small next to the rebalance that assigned them.
     * Then FireRun starts on a pooled or new thread at once; its Started waits at most the producer's linger.
     */
    private void iterate() {
        applySignals();
        startPending();
        commitProgress();
        measureLag();
        if (!pending.isEmpty() || !runs.hasRoom()) {
            consumer.pause(consumer.assignment());
            awaitSignal(pollTimeout);
            if (System.nanoTime() - lastPoll >= pollTimeout.toNanos()) {
                poll(Duration.ZERO); // keeps the membership alive; only newly assigned partitions yield records
            }
        } else {
            if (!consumer.paused().isEmpty()) {
                consumer.resume(consumer.paused());
            }
            poll(pollTimeout);
        }
    }

    private void poll(Duration timeout) {
        lastPoll = System.nanoTime();
        accept(consumer.poll(timeout));
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            PartitionProgress progress = offsets.progress(new TopicPartition(record.topic(), record.partition()));
            progress.received(record.offset());
            FireDecoder.Decoded decoded = FireDecoder.decode(record);
            if (decoded.isRefused()) {
                deadLetter(record, decoded.refusal(), progress);
            } else {
                pending.add(new PendingFire(decoded.fire(), progress, record.offset()));
            }
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, PartitionProgress progress) {
        log.warn("{}-{}@{} refused to the dlq: {}", record.topic(), record.partition(), record.offset(), reason);
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.value(), reason,
                "worker " + workerId, clock.instant());
        publisher.deadLetter(record.key(), letter, progress, record.offset());
        counters.deadLetterSent();
    }

    private void startPending() {
        while (!pending.isEmpty() && runs.hasRoom() && !stopping) {
            PendingFire next = pending.poll();
            runs.start(next.fire(), next.progress(), next.offset());
        }
    }

    private void applySignals() {
        Signal signal;
        while ((signal = signals.poll()) != null) {
            apply(signal);
        }
    }

    private void awaitSignal(Duration timeout) {
        try {
            Signal signal = signals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (signal != null) {
                apply(signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void apply(Signal signal) {
        if (signal instanceof Signal.Acked acked) {
            acked.progress().done(acked.offset());
        } else if (signal instanceof Signal.Settled settled) {
            log.debug("worker {} offset {}@{} done: {}", workerId, settled.progress().partition(), settled.offset(),
                    settled.why());
            settled.progress().done(settled.offset());
        } else if (signal instanceof Signal.PublishFailed failed) {
            publisher.retry(failed);
        }
    }

    private void commitProgress() {
        long now = System.nanoTime();
        if (now - lastCommit < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> commit = offsets.toCommit();
        if (!commit.isEmpty()) {
            consumer.commitAsync(commit, (committed, e) -> {
                if (e != null) {
                    counters.commitFailed();
                    offsets.commitFailed(commit);
                    log.warn("worker {} commit of {} failed, will retry: {}", workerId, commit, e.toString());
                }
            });
        }
    }

    private void measureLag() {
        long now = System.nanoTime();
        if (now - lastLag < LAG_INTERVAL_NANOS) {
            return;
        }
        lastLag = now;
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        counters.lag(lag);
    }

    private void commitNow(Map<TopicPartition, OffsetAndMetadata> commit) {
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit);
            log.debug("worker {} committed {}", workerId, commit);
        } catch (RuntimeException e) {
            counters.commitFailed();
            log.warn("worker {} commit of {} failed; those fires may be redelivered: {}", workerId, commit, e.toString());
        }
    }

    /** Lets runs in flight finish (bounded by the drain timeout) and commits what they settled. */
    private void drain() {
        pending.clear(); // never started: their offsets stay uncommitted, so they are redelivered
        long deadline = System.nanoTime() + drainTimeout.toNanos(); // real time: the injected clock stamps events only
        log.info("worker {} stopping: draining {} runs in flight (at most {})", workerId, counters.inFlight(), drainTimeout);
        while ((!runs.isIdle() || publisher.awaitingAck() > 0) && System.nanoTime() < deadline) {
            consumer.pause(consumer.assignment());
            awaitSignal(Duration.ofNanos(Math.min(pollTimeout.toNanos(), Math.max(1, deadline - System.nanoTime()))));
            consumer.poll(Duration.ZERO); // records of new assignments are dropped unreceived, hence uncommitted
        }
        if (!runs.isIdle()) {
            log.warn("worker {} drain timed out: {} runs abandoned, their fires will be redelivered", workerId,
                    runs.abandonAll());
        }
        runs.shutdown();
        applySignals();
        commitNow(offsets.toCommit());
        drained = true;
    }

    /**
     * Waits, up to the drain timeout, until no run from {@code partitions} holds a slot and every outcome sent
     * is acknowledged, handling signals meanwhile. Called inside {@code poll}, from the revocation callback.
     */
    private void drainRevoked(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        int going = runs.inFlightOn(partitions);
        if (going > 0) {
            log.info("worker {} partitions {} revoked: waiting for {} runs in flight from them (at most {})", workerId,
                    partitions, going, drainTimeout);
        }
        while ((runs.inFlightOn(partitions) > 0 || publisher.awaitingAck() > 0) && System.nanoTime() < deadline) {
            awaitSignal(Duration.ofNanos(Math.min(pollTimeout.toNanos(), Math.max(1, deadline - System.nanoTime()))));
            applySignals();
        }
        going = runs.inFlightOn(partitions);
        if (going > 0) {
            log.warn("worker {} partitions {} revoked with {} runs still going after {}; their fires will run again on"
                    + " the next owner", workerId, partitions, going, drainTimeout);
        }
    }

    private void closeClients() {
        try {
            // leaves the group even as a static member: a worker stopped on purpose hands its partitions over now
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            log.warn("worker {} consumer close failed: {}", workerId, e.toString());
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("worker {} producer close failed: {}", workerId, e.toString());
        }
        runs.abandonAll();
        counters.close();
        log.info("worker {} stopped: {}", workerId, counters);
    }

    /** Commits what is done before partitions move, so the next owner starts right after it. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            offsets.assign(partitions);
            if (!partitions.isEmpty()) {
                log.info("worker {} assigned {}", workerId, partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // fires not started stay uncommitted: the next owner runs them
            pending.removeIf(p -> partitions.contains(p.progress().partition()));
            if (!drained) {
                drainRevoked(partitions);
            }
            applySignals();
            commitNow(offsets.toCommit(partitions));
            forget(partitions);
            log.info("worker {} revoked {}", workerId, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            log.warn("worker {} lost {}", workerId, partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            offsets.remove(partitions);
            pending.removeIf(p -> partitions.contains(p.progress().partition()));
        }
    }

    private record PendingFire(Fire fire, PartitionProgress progress, long offset) {
    }
}
