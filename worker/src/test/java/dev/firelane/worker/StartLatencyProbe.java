package dev.firelane.worker;

import static dev.firelane.worker.testing.FireBuilder.aFire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Prints how long a fire waits between its send and its handler's start on a worker, on each path of the
 * poll loop: an idle worker; a full worker that gets a slot back while the next fire waits at it; and a
 * full worker whose paused partitions resume while a fire is on its way. Not a test (timings on a shared
 * machine are not asserted): run it by hand, e.g.
 * {@code java -cp <test class path> [-Dprobe.pollTimeoutMs=N] dev.firelane.worker.StartLatencyProbe [rounds]
 * [consumer.property=value ...]}. A path that waits for a poll interval shows it in its maximum: run it with a
 * long poll timeout to see which do.
 */
public final class StartLatencyProbe {
    private static final String PREFIX = "probe.";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private int tick;

    private StartLatencyProbe(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(PREFIX, 1);
            StartLatencyProbe probe = new StartLatencyProbe(kafka.bootstrapServers());
            print("baseline, a bare consumer polling in a loop: send -> record in hand", probe.baseline(kafka, rounds));
            WorkerConfig.Builder builder = WorkerConfig.builder(kafka.bootstrapServers()).topicPrefix(PREFIX)
                    .workerId("probe").maxConcurrentRuns(1)
                    .pollTimeout(Duration.ofMillis(Long.getLong("probe.pollTimeoutMs", WorkerConfig.DEFAULT_POLL_TIMEOUT.toMillis())));
            for (int i = 1; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                builder.consumerProperty(kv[0], kv[1]);
            }
            try (Worker worker = new Worker(builder.build(), HandlerRegistry.of(probe.handler()), Clock.systemUTC())) {
                worker.start();
                probe.warmUp();
                print("idle worker: send -> handler start", probe.idle(rounds));
                print("full worker, slot freed: release -> next fire's handler start", probe.slotBack(rounds));
                print("full worker, fire sent just before the slot frees: send -> handler start", probe.resume(rounds, false));
                print("full worker, fire sent just after the slot frees: send -> handler start", probe.resume(rounds, true));
            } finally {
                probe.producer.close();
            }
        }
    }

    /** What Kafka alone costs here: the same sends, read by a bare read_committed consumer in a poll loop. */
    private List<Long> baseline(KafkaTestCluster kafka, int rounds) throws InterruptedException {
        kafka.createTopics("baseline." + PREFIX, 1);
        String topic = Topics.FIRES.name("baseline." + PREFIX);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch positioned = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToEnd(List.of(tp));
                consumer.position(tp);
                positioned.countDown();
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> received.put(new String(r.value(), StandardCharsets.UTF_8), System.nanoTime()));
                }
            }
        }, "baseline-reader");
        reader.start();
        positioned.await();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            pauseRandomly(700);
            String value = "baseline-" + i;
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            long deadline = sent + WAIT.toNanos();
            while (!received.containsKey(value) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (i >= 5) {
                out.add(received.get(value) - sent);
            }
        }
        stop.set(true);
        reader.join();
        return out;
    }

    private void warmUp() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            awaitStart(send(false));
        }
    }

    /** An idle worker: a fire sent at a random moment of its poll cycle. */
    private List<Long> idle(int rounds) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            pauseRandomly(700);
            long sent = System.nanoTime();
            String fire = send(false);
            out.add(awaitStart(fire) - sent);
        }
        return out;
    }

    /** One slot, busy; the next fire already at the worker (queued or fetched while paused); the slot frees. */
    private List<Long> slotBack(int rounds) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String blocking = send(true);
            awaitStart(blocking);
            String next = send(false);
            pauseRandomly(700); // the fire reaches the worker meanwhile; the fetch it came with may expire
            long released = System.nanoTime();
            releases.get(blocking).countDown();
            out.add(awaitStart(next) - released);
        }
        return out;
    }

    /** One slot, busy long enough for any fetch in flight to expire; a fire sent around the moment it frees. */
    private List<Long> resume(int rounds, boolean after) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String blocking = send(true);
            awaitStart(blocking);
            pauseRandomly(700);
            long sent;
            String next;
            if (after) {
                releases.get(blocking).countDown();
                sent = System.nanoTime();
                next = send(false);
            } else {
                sent = System.nanoTime();
                next = send(false);
                releases.get(blocking).countDown();
            }
            out.add(awaitStart(next) - sent);
        }
        return out;
    }

    private String send(boolean block) {
        Fire fire = aFire().job("probe").handler("probe").tick(tick++).payload("{\"block\": " + block + "}").build();
        started.put(fire.fireId(), new CountDownLatch(1));
        releases.put(fire.fireId(), new CountDownLatch(1));
        String topic = Topics.FIRES.name(PREFIX);
        producer.send(new ProducerRecord<>(topic, Topics.FIRES.keySerde().serializer().serialize(topic, fire.jobId()),
                Topics.FIRES.valueSerde().serializer().serialize(topic, fire)));
        return fire.fireId();
    }

    private long awaitStart(String fireId) throws InterruptedException {
        if (!started.get(fireId).await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(fireId + " did not start within " + WAIT);
        }
        return startedNanos.get(fireId);
    }

    private JobHandler handler() {
        return new JobHandler() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public HandlerResult run(RunContext context) throws InterruptedException {
                startedNanos.put(context.fireId(), System.nanoTime());
                started.get(context.fireId()).countDown();
                if (context.payload().path("block").asBoolean()) {
                    releases.get(context.fireId()).await();
                }
                return HandlerResult.ok();
            }
        };
    }

    private static void pauseRandomly(int maxMillis) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis)); // a probe spreading its sends, not a test waiting
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-85s n=%d min=%.1f ms median=%.1f ms p90=%.1f ms max=%.1f ms%n", what, sorted.size(),
                ms(sorted.get(0)), ms(sorted.get(sorted.size() / 2)), ms(sorted.get(sorted.size() * 9 / 10)),
                ms(sorted.get(sorted.size() - 1)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
