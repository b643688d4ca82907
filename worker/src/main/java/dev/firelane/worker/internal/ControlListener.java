package dev.firelane.worker.internal;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code control} outside any consumer group — every partition, from the end at start — so that a
 * {@code Cancel} reaches whichever worker runs the fire. Other commands, and records it cannot read, are
 * skipped: they are the status stream's business (it audits cancels and dead-letters bad records).
 */
public final class ControlListener implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_TOPIC = Duration.ofSeconds(2);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final String workerId;
    private final Cancels cancels;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean listening;

    /** Where cancels go: the poll loop. */
    public interface Cancels {
        boolean cancel(String jobId, String fireId);
    }

    public ControlListener(Consumer<byte[], byte[]> consumer, String topicPrefix, String workerId, Cancels cancels) {
        this.consumer = consumer;
        this.topic = Topics.CONTROL.name(topicPrefix);
        this.workerId = workerId;
        this.cancels = cancels;
    }

    @Override
    public void run() {
        try {
            if (assign()) {
                while (!stopping) {
                    pollOnce();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stop() woke the consumer or the thread up
        } catch (Exception e) {
            log.error("worker {} stopped reading {}: cancels no longer reach it", workerId, topic, e);
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                log.warn("worker {} control consumer close failed: {}", workerId, e.toString());
            }
            listening = false;
            finished.countDown();
        }
    }

    /** Whether cancels sent from now on reach this worker (control is assigned and positioned). */
    public boolean isListening() {
        return listening && !stopping;
    }

    public void stop() {
        stopping = true;
        stopped.countDown();
        consumer.wakeup();
    }

    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Assigns every partition of control, at its end; waits for the topic while it does not exist yet. */
    private boolean assign() throws InterruptedException {
        while (!stopping) {
            List<PartitionInfo> partitions = partitionsOrEmpty();
            if (!partitions.isEmpty()) {
                List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(all);
                consumer.seekToEnd(all);
                all.forEach(consumer::position); // resolve the end now: cancels sent from here on are seen
                listening = true;
                log.info("worker {} listening for cancels on {} ({} partitions)", workerId, topic, all.size());
                return true;
            }
            stopped.await(RETRY_TOPIC.toMillis(), TimeUnit.MILLISECONDS); // try again soon, or stop at once
        }
        return false;
    }

    private List<PartitionInfo> partitionsOrEmpty() {
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            return partitions == null ? List.of() : partitions;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("worker {} cannot see {} yet: {}", workerId, topic, e.toString());
            return List.of();
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            try {
                accept(record);
            } catch (RuntimeException e) {
                log.warn("worker {} skipped {}-{}@{}: {}", workerId, record.topic(), record.partition(), record.offset(),
                        e.toString());
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ControlCommand command;
        try {
            command = Topics.CONTROL.valueSerde().deserializer().deserialize(topic, record.value());
        } catch (SerializationException e) {
            return; // the status stream dead-letters it
        }
        if (command instanceof ControlCommand.Cancel cancel) {
            boolean here = cancels.cancel(cancel.jobId(), cancel.fireId());
            log.info("{} {} cancel {} by {} {}", cancel.jobId(), cancel.fireId(), cancel.commandId(), cancel.requestedBy(),
                    here ? "reached its run on worker " + workerId : "noted (not running on worker " + workerId + ")");
        }
    }
}
