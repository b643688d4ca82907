package dev.firelane.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.deploy.dev.EmbeddedKafka;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import dev.firelane.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * I/O-bound scaling of the worker fleet: fires whose handler is {@code sleep} for {@code ms} milliseconds,
 * run by 1, 2 and 4 workers (each with {@code concurrency} slots) on one embedded KRaft broker. Each round
 * gives every slot of the fleet {@code rounds} fires, so the ideal time is the same for every fleet size
 * and the throughput should grow with the number of workers. Prints, per fleet size, the fires, the time
 * from the first fire sent to the last completion read, the throughput and its ratio to one worker
 * (goal: at least 0.8 × N).
 *
 * <pre>java -cp bench/target/bench.jar dev.firelane.bench.WorkerScalingBench [ms [concurrency [rounds [workers,…]]]]</pre>
 * Defaults: 100 ms, 8 slots, 50 rounds (5 s of ideal work per fleet), fleets of 1, 2 and 4 workers, on 12
 * partitions. A first pass of one worker and {@value #WARM_UP_ROUNDS} rounds warms the JVM up and is not reported.
 */
public final class WorkerScalingBench {
    public static final int DEFAULT_SLEEP_MS = 100;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_ROUNDS = 50;
    /** Rounds of the unreported first pass that warms the JVM and the clients up. */
    static final int WARM_UP_ROUNDS = 10;
    public static final List<Integer> DEFAULT_FLEETS = List.of(1, 2, 4);
    static final int PARTITIONS = 12;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final String bootstrapServers;
    private final int sleepMs;
    private final int concurrency;
    private final int rounds;
    private final PrintStream out;
    private boolean warmUp = true;

    /** One fleet size's figures. */
    public record Row(int workers, int fires, Duration elapsed, double firesPerSecond, Set<String> workersSeen) {
    }

    WorkerScalingBench(String bootstrapServers, int sleepMs, int concurrency, int rounds, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.sleepMs = sleepMs;
        this.concurrency = concurrency;
        this.rounds = rounds;
        this.out = out;
    }

    /** Skips the warm-up pass (the smoke test checks the steps, not the figures). */
    WorkerScalingBench withoutWarmUp() {
        warmUp = false;
        return this;
    }

    public static void main(String[] args) throws IOException {
        int ms = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SLEEP_MS;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_CONCURRENCY;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
        List<Integer> fleets = args.length > 3 ? Arrays.stream(args[3].split(",")).map(Integer::parseInt).toList()
                : DEFAULT_FLEETS;
        Path dir = Files.createTempDirectory("firelane-worker-bench");
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir).start()) {
            new WorkerScalingBench(kafka.bootstrapServers(), ms, concurrency, rounds, System.out).run(fleets);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Runs every fleet size in turn, each on topics of its own, and prints the table. */
    public List<Row> run(List<Integer> fleets) {
        out.printf("worker scaling: sleep %d ms handlers, %d slots per worker, %d rounds, %d partitions, %d cores%n",
                sleepMs, concurrency, rounds, PARTITIONS, Runtime.getRuntime().availableProcessors());
        if (warmUp) {
            runFleet("bench-warm-up.", 1, Math.min(rounds, WARM_UP_ROUNDS));
        }
        List<Row> rows = new ArrayList<>();
        for (int workers : fleets) {
            rows.add(runFleet("bench-" + (rows.size() + 1) + "-" + workers + "w.", workers, rounds));
        }
        double base = rows.get(0).firesPerSecond() / rows.get(0).workers();
        out.printf("%8s %7s %9s %9s %9s %8s%n", "workers", "fires", "seconds", "fires/s", "vs one", "ideal");
        for (Row row : rows) {
            out.printf("%8d %7d %9.2f %9.1f %8.2fx %7dx%n", row.workers(), row.fires(), row.elapsed().toMillis() / 1000.0,
                    row.firesPerSecond(), row.firesPerSecond() / base, row.workers());
        }
        out.printf("one worker's ideal: %.1f fires/s (%d slots / %d ms)%n", concurrency * 1000.0 / sleepMs, concurrency, sleepMs);
        return rows;
    }

    private Row runFleet(String prefix, int workerCount, int rounds) {
        createTopics(prefix);
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= workerCount; i++) {
                Worker worker = new Worker(WorkerConfig.builder(bootstrapServers).topicPrefix(prefix)
                        .groupId(prefix + "workers").workerId(prefix + "worker-" + i).maxConcurrentRuns(concurrency)
                        .consumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300).build(),
                        HandlerRegistry.load(), Clock.systemUTC());
                worker.start();
                workers.add(worker);
            }
            awaitAssigned(prefix + "workers", workerCount);
            int fires = workerCount * concurrency * rounds;
            long start = System.nanoTime();
            send(prefix, fires);
            Set<String> seen = awaitCompletions(prefix, fires);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Row(workerCount, fires, elapsed, fires / (elapsed.toNanos() / 1e9), seen);
        } finally {
            workers.forEach(Worker::close);
        }
    }

    private void createTopics(String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                topics.add(new NewTopic(topic.name(prefix), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the benchmark topics: " + e.getMessage(), e);
        }
    }

    /**
     * Until every partition has a leader: an idempotent producer whose first send races the election can
     * be left retrying out-of-order sequences for a long time.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean led = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (led) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling the metadata, nothing to wait on
        }
        throw new IllegalStateException("topics " + names + " have no leaders after 30 s");
    }

    /** Until the group has {@code members} members and each owns a partition, so the clock starts on a settled fleet. */
    private void awaitAssigned(String group, int members) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                var description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(10, TimeUnit.SECONDS);
                int assigned = description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                boolean everyoneHasSome = description.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
                if (description.members().size() == members && everyoneHasSome && assigned == PARTITIONS) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100); // polling the group state, nothing to wait on
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read group " + group + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("group " + group + " did not settle on " + members + " members within 60 s");
    }

    private void send(String prefix, int fires) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // completions are counted by fire id, so a duplicate send is harmless; an idempotent producer on topics
        // this fresh was seen stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER on the embedded broker
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        String topic = Topics.FIRES.name(prefix);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < fires; i++) {
                String jobId = "job-" + i; // one job per fire: keys spread over every partition
                Fire fire = new Fire(FireIds.of(jobId, T0, 1), jobId, T0, T0, 1, "sleep",
                        JsonNodeFactory.instance.objectNode().put("ms", sleepMs), null, 1);
                producer.send(new ProducerRecord<>(topic, Topics.FIRES.keySerde().serializer().serialize(topic, jobId),
                        Topics.FIRES.valueSerde().serializer().serialize(topic, fire)));
            }
            producer.flush();
        }
    }

    /** Reads runs until every fire has completed; returns the workers that completed them. */
    private Set<String> awaitCompletions(String prefix, int fires) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String topic = Topics.RUNS.name(prefix);
        Set<String> done = new HashSet<>();
        Set<String> workers = new HashSet<>();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (done.size() < fires) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(done.size() + " of " + fires + " fires completed within " + RUN_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    RunEvent event = Topics.RUNS.valueSerde().deserializer().deserialize(topic, record.value());
                    if (event instanceof RunEvent.Completed completed) {
                        done.add(completed.fireId());
                        workers.add(completed.workerId());
                    }
                }
            }
        }
        return workers;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
