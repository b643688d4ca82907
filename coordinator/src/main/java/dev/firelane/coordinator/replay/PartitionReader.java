package dev.firelane.coordinator.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads topic partitions between given offsets with one consumer (assigned, no group, nothing committed) and
 * hands each partition's records out as a {@link RecordQueue}. A partition is fetched only while its queue is
 * short, so memory stays bounded whichever partition the caller drains.
 */
final class PartitionReader {
    static final int PAUSE_ABOVE = 5_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final Progress progress;
    private final Duration stallTimeout;
    private final Map<TopicPartition, Buffer> buffers = new LinkedHashMap<>();

    PartitionReader(Consumer<byte[], byte[]> consumer, RecordDecoder decoder, Map<TopicPartition, OffsetRange> ranges,
                    Progress progress, Duration stallTimeout) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.progress = progress;
        this.stallTimeout = stallTimeout;
        consumer.assign(ranges.keySet());
        ranges.forEach((tp, range) -> {
            consumer.seek(tp, range.start());
            buffers.put(tp, new Buffer(tp, range.end()));
        });
        updatePauses();
    }

    /** The records of {@code partition}, one of those this reader was made for. */
    RecordQueue queue(TopicPartition partition) {
        Buffer buffer = buffers.get(partition);
        if (buffer == null) {
            throw new IllegalArgumentException(partition + " is not read here");
        }
        return buffer;
    }

    /** Polls until {@code waiting} has a record or is read to its end; fails if it stops advancing. */
    private void fill(Buffer waiting) {
        long lastPosition = consumer.position(waiting.partition);
        long deadline = System.nanoTime() + stallTimeout.toNanos();
        while (waiting.records.isEmpty() && !waiting.reachedEnd()) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
            int taken = 0;
            for (TopicPartition tp : polled.partitions()) {
                Buffer buffer = buffers.get(tp);
                for (ConsumerRecord<byte[], byte[]> record : polled.records(tp)) {
                    if (record.offset() < buffer.end) {
                        buffer.records.addLast(decoder.decode(record));
                        taken++;
                    }
                }
            }
            progress.add(taken);
            updatePauses();
            long position = consumer.position(waiting.partition);
            if (position != lastPosition) {
                lastPosition = position;
                deadline = System.nanoTime() + stallTimeout.toNanos();
            } else if (System.nanoTime() - deadline > 0) {
                throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "no records came from " + waiting.partition
                        + " for " + stallTimeout.toSeconds() + " s, though it holds records up to offset "
                        + (waiting.end - 1) + " (read up to " + position + ")");
            }
        }
    }

    private void updatePauses() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (Buffer buffer : buffers.values()) {
            boolean full = buffer.records.size() >= PAUSE_ABOVE || buffer.reachedEnd();
            (full ? pause : resume).add(buffer.partition);
        }
        consumer.pause(pause);
        consumer.resume(resume);
    }

    private final class Buffer implements RecordQueue {
        final TopicPartition partition;
        final long end;
        final Deque<ReplayRecord> records = new ArrayDeque<>();

        Buffer(TopicPartition partition, long end) {
            this.partition = partition;
            this.end = end;
        }

        boolean reachedEnd() {
            return consumer.position(partition) >= end;
        }

        @Override
        public ReplayRecord peek() {
            if (records.isEmpty()) {
                fill(this);
            }
            return records.peekFirst();
        }

        @Override
        public ReplayRecord poll() {
            ReplayRecord next = peek();
            if (next != null) {
                records.pollFirst();
            }
            return next;
        }
    }
}
