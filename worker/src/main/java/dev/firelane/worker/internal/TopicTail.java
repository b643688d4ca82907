package dev.firelane.worker.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic outside any consumer group — every partition, from the end at start, never committing —
 * on a thread of its own, so that every worker sees every record sent after it started. Waits for the topic
 * while it does not exist yet. A record that cannot be handled is logged and passed over.
 */
public abstract class TopicTail implements Runnable {
    /** A poll returns as soon as a record arrives; this only bounds how long a stop waits. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_TOPIC = Duration.ofSeconds(2);

    private final Logger log = LoggerFactory.getLogger(getClass()); // each reader logs under its own name
    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final String workerId;
    private final String what;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean listening;

    /** @param what what the records bring to this worker, for logs ("cancels") */
    protected TopicTail(Consumer<byte[], byte[]> consumer, String topic, String workerId, String what) {
        this.consumer = consumer;
        this.topic = topic;
        this.workerId = workerId;
        this.what = what;
    }

    /** Handles one record; a runtime exception is logged and the record passed over. */
    abstract void accept(ConsumerRecord<byte[], byte[]> record);

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
            log.error("worker {} stopped reading {}: {} no longer reach it", workerId, topic, what, e);
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                log.warn("worker {} {} consumer close failed: {}", workerId, topic, e.toString());
            }
            listening = false;
            finished.countDown();
        }
    }

    /** Whether records sent from now on reach this worker (the topic is assigned and positioned). */
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

    String topic() {
        return topic;
    }

    String workerId() {
        return workerId;
    }

    /** Assigns every partition of the topic, at its end; waits for the topic while it does not exist yet. */
    private boolean assign() throws InterruptedException {
        while (!stopping) {
            List<PartitionInfo> partitions = partitionsOrEmpty();
            if (!partitions.isEmpty()) {
                List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(all);
                consumer.seekToEnd(all);
                all.forEach(consumer::position); // resolve the end now: records sent from here on are seen
                listening = true;
                log.info("worker {} listening for {} on {} ({} partitions)", workerId, what, topic, all.size());
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
}
