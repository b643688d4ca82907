package dev.firelane.coordinator.status;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status stream's thread: poll, choose what to apply ({@link ApplyWindow}), apply it in one transaction
 * ({@link BatchRunner}), publish what it produced ({@link StatusOutput}), then commit the input offsets — always
 * in that order, so an offset is committed only after its record's effect is in the database and its outputs
 * are on the broker. A crash anywhere in between means the batch is read and applied again, which changes
 * nothing. A batch the database fails is retried, more and more slowly, for ever; meanwhile the loop keeps
 * polling (its partitions paused once the read-ahead is full), so the group membership holds.
 *
 * <p>Every command it applies is published with its place ({@link CommandPlacement}: how far its partition
 * number's {@code fires} and {@code runs} were read), so replay can apply a record that became readable only
 * after the command — stamped earlier — after it, as the live stream did.
 */
final class StatusLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StatusLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Polls per iteration while records keep coming, before a batch is chosen. */
    private static final int MAX_POLLS_AHEAD = 50;
    /** How long a waiting command may hold up applying, to read the rest of its partition number first. */
    private static final Duration COMMAND_READ_WAIT = Duration.ofMillis(500);
    private static final Duration READ_AHEAD_POLL = Duration.ofMillis(10);

    /** Where the loop is, for health. */
    enum State { CREATED, STARTING, RUNNING, RETRYING, STOPPED }

    private final Consumer<byte[], byte[]> consumer;
    private final StatusOutput output;
    private final BatchRunner runner;
    private final StatusStreamConfig config;
    private final StatusMetrics metrics;
    private final Clock clock;
    private final Map<String, Topic<String, ?>> topics;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final ApplyWindow window = new ApplyWindow();
    private final RetryPacing pacing;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final AtomicLong lag = new AtomicLong();
    private volatile State state = State.CREATED;
    private volatile String detail = "not started";
    private volatile boolean stopping;
    private long retryAtNanos;
    private boolean morePending;

    StatusLoop(Consumer<byte[], byte[]> consumer, StatusOutput output, BatchRunner runner, StatusStreamConfig config,
               StatusMetrics metrics, Map<String, Topic<String, ?>> topics) {
        this.consumer = consumer;
        this.output = output;
        this.runner = runner;
        this.config = config;
        this.metrics = metrics;
        this.clock = config.clock();
        this.topics = topics;
        int rank = 0;
        for (String name : topics.keySet()) {
            ranks.put(name, rank++);
        }
        this.pacing = new RetryPacing(config.retryBackoff(), config.maxRetryBackoff());
        metrics.lag(lag::get);
    }

    State state() {
        return state;
    }

    String detail() {
        return detail;
    }

    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        state = State.STARTING;
        detail = "joining group " + config.applicationId();
        try {
            consumer.subscribe(List.copyOf(topics.keySet()), new Rebalance());
            while (!stopping) {
                try {
                    iterate();
                } catch (WakeupException e) {
                    // stop() woke the poll
                } catch (RuntimeException e) {
                    metrics.loopError();
                    log.error("status stream loop error; carrying on", e);
                    waitToRetry(e);
                }
            }
            commit(true);
        } catch (RuntimeException e) {
            log.error("status stream loop stopped by an error", e);
        } finally {
            closeConsumer();
            state = State.STOPPED;
            detail = "stopped";
        }
    }

    /** For a loop that never ran: its consumer still has to be closed. */
    void closeUnstarted() {
        closeConsumer();
        state = State.STOPPED;
    }

    private void closeConsumer() {
        try {
            // leaves the group, static member or not: the others get the partitions at once, not after the session
            // timeout (a static member restarted under the same instance id would take them back at once anyway)
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            log.warn("status stream consumer close failed: {}", e.toString());
        }
    }

    private void iterate() {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(morePending ? Duration.ZERO : config.pollTimeout());
        read(polled);
        observeBroker();
        readAhead(polled.isEmpty());
        if (System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        List<InputRecord> batch = window.next(config.maxBatchEvents());
        morePending = batch.size() >= config.maxBatchEvents();
        if (!batch.isEmpty()) {
            apply(batch);
        }
    }

    /**
     * Reads on while records keep coming, and while a command waits for the rest of its partition number to be
     * read (up to {@link #COMMAND_READ_WAIT}): a command is applied as soon as everything before it is read, not
     * after the backlog of other jobs is applied.
     */
    private void readAhead(boolean idle) {
        long deadline = System.nanoTime() + COMMAND_READ_WAIT.toNanos();
        boolean more = !idle;
        for (int polls = 1; polls < MAX_POLLS_AHEAD && paused.size() < window.queues().size(); polls++) {
            boolean waiting = window.commandWaiting() && System.nanoTime() - deadline < 0;
            if (!more && !waiting) {
                return;
            }
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(waiting ? READ_AHEAD_POLL : Duration.ZERO);
            read(polled);
            observeBroker();
            more = !polled.isEmpty();
        }
    }

    private void read(ConsumerRecords<byte[], byte[]> polled) {
        for (ConsumerRecord<byte[], byte[]> raw : polled) {
            TopicPartition tp = new TopicPartition(raw.topic(), raw.partition());
            InputQueue queue = window.queue(tp);
            if (queue == null) {
                continue; // revoked meanwhile: the next owner reads it
            }
            queue.add(InputRecord.decode(raw, topics.get(raw.topic()), queue.rank(), queue.orderTime()));
        }
    }

    /** Which partitions are read to their end, what the lag is, and which to pause for the read-ahead. */
    private void observeBroker() {
        long behind = 0;
        int held = window.held();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (InputQueue queue : window.queues()) {
            OptionalLong remaining = consumer.currentLag(queue.partition());
            queue.caughtUp(remaining.isPresent() && remaining.getAsLong() == 0);
            behind += queue.size() + remaining.orElse(0);
            // an empty partition is always read: until it has a record or is known to be at its end, the merge
            // of its partition number cannot go on, and pausing it could leave the whole window waiting for ever
            boolean full = queue.size() > 0 && (queue.size() >= config.readAhead() || held >= totalReadAhead());
            if (full && paused.add(queue.partition())) {
                pause.add(queue.partition());
            } else if (!full && paused.remove(queue.partition())) {
                resume.add(queue.partition());
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        lag.set(behind);
    }

    private int totalReadAhead() {
        return config.readAhead() * 5;
    }

    private void apply(List<InputRecord> batch) {
        long start = System.nanoTime();
        Map<String, CommandPlacement> proposed = placements(batch);
        BatchRunner.Result result = new BatchRunner.Result();
        try {
            runner.apply(batch, proposed, result);
            output.publish(result.publications, placed(result), result.rejected);
        } catch (RuntimeException e) {
            batch.forEach(InputRecord::release);
            window.queues().forEach(InputQueue::rewind);
            waitToRetry(e);
            return;
        }
        result.applied.forEach(InputRecord::markDone);
        result.rejected.forEach(r -> r.record().markDone());
        batch.forEach(InputRecord::release); // none left, unless a record was neither applied nor refused
        window.queues().forEach(queue -> {
            queue.dropDone();
            queue.rewind();
        });
        measure(result, start);
        pacing.succeeded();
        state = State.RUNNING;
        detail = "RUNNING";
        commit(false);
    }

    /**
     * Where each command of the batch is applied if it is applied now: how far its partition number's
     * {@code fires} and {@code runs} are read. Every record read so far that comes before the command in the apply
     * order is in this batch or applied; whatever is read later comes after it, and replay puts it there too. A
     * command applied before keeps the place recorded with it in the database.
     */
    private Map<String, CommandPlacement> placements(List<InputRecord> batch) {
        Map<String, CommandPlacement> placements = new HashMap<>();
        for (InputRecord record : batch) {
            if (record.isCommand()) {
                int partition = record.partition().partition();
                ControlCommand command = (ControlCommand) record.event();
                placements.putIfAbsent(command.commandId(), new CommandPlacement(command.commandId(), partition,
                        record.offset(), readEnd(partition, ranks.get(Topics.FIRES.name(config.topicPrefix()))),
                        readEnd(partition, ranks.get(Topics.RUNS.name(config.topicPrefix()))), clock.instant()));
            }
        }
        return placements;
    }

    private long readEnd(int partition, int rank) {
        InputQueue queue = window.queue(partition, rank);
        if (queue == null) {
            return CommandPlacement.UNKNOWN;
        }
        try {
            return consumer.position(queue.partition(), Duration.ZERO);
        } catch (RuntimeException e) {
            return CommandPlacement.UNKNOWN; // no position yet
        }
    }

    /** The committed commands with the places the database recorded for them, to publish on {@code applied}. */
    private static Map<InputRecord, CommandPlacement> placed(BatchRunner.Result result) {
        Map<InputRecord, CommandPlacement> placed = new LinkedHashMap<>();
        for (InputRecord record : result.applied) {
            if (record.isCommand()) {
                CommandPlacement place = result.places.get(((ControlCommand) record.event()).commandId());
                if (place != null && place.controlOffset() == record.offset()) {
                    placed.put(record, place);
                }
            }
        }
        return placed;
    }

    private void measure(BatchRunner.Result result, long start) {
        for (BatchRunner.Rejection rejection : result.rejected) {
            log.warn("{} sent to the dlq: {}", rejection.record(), rejection.reason());
            metrics.deadLetter(rejection.record().partition().topic());
        }
        for (InputRecord record : result.applied) {
            if (record.event() instanceof ControlCommand command) {
                metrics.commandApplied(Duration.between(command.requestedAt(), clock.instant()));
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("applied {} records ({} refused) in {} transaction(s), {} ms", result.applied.size(),
                    result.rejected.size(), result.transactions, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void waitToRetry(RuntimeException failure) {
        Duration wait = pacing.failed();
        retryAtNanos = System.nanoTime() + wait.toNanos();
        morePending = false;
        state = State.RETRYING;
        detail = "RETRYING: " + ApplyFailures.describe(failure) + " (" + pacing.failures() + " failure(s) in a row)";
        metrics.retry();
        log.warn("status stream batch failed ({} in a row); trying again in {} ms: {}", pacing.failures(),
                wait.toMillis(), ApplyFailures.describe(failure));
    }

    /** Commits, for each partition, the first offset not applied. */
    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (InputQueue queue : window.queues()) {
            long offset;
            try {
                offset = queue.commitOffset(consumer.position(queue.partition(), Duration.ZERO));
            } catch (RuntimeException e) {
                continue; // no position yet: nothing read, nothing to commit
            }
            Long last = committed.get(queue.partition());
            if (last == null || last != offset) {
                offsets.put(queue.partition(), new OffsetAndMetadata(offset));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
            return;
        }
        consumer.commitAsync(offsets, (done, e) -> {
            if (e != null) {
                log.warn("status stream offset commit failed (the records will be applied again, harmlessly): {}",
                        e.toString());
            } else {
                done.forEach((tp, om) -> committed.put(tp, om.offset()));
            }
        });
    }

    /** Commits what is applied before partitions move; forgets what was read of them. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(true);
            } catch (RuntimeException e) {
                log.warn("status stream commit on revocation failed: {}", e.toString());
            }
            forget(partitions);
            log.info("status stream revoked {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                window.assign(tp, ranks.get(tp.topic()));
            }
            if (state == State.STARTING) {
                state = State.RUNNING;
                detail = "RUNNING";
            }
            log.info("status stream assigned {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            log.warn("status stream lost {}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            window.revoke(partitions);
            partitions.forEach(tp -> {
                committed.remove(tp);
                paused.remove(tp);
            });
        }
    }
}
