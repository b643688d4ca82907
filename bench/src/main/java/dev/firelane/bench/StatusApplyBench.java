package dev.firelane.bench;

import dev.firelane.coordinator.TopicAdmin;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.status.StatusApplier;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.deploy.dev.EmbeddedKafka;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How fast the status stream writes to the database, without schedulers or workers in the way.
 *
 * <pre>
 *   java -cp bench/target/bench.jar dev.firelane.bench.StatusApplyBench [--jobs 1000] [--fires 20000]
 *        [--batch 5000] [--creates 10000] [--jdbc jdbc:mysql://127.0.0.1:3306/] [--user root] [--password ""]
 *        [--mode both]
 * </pre>
 * {@code apply}: the {@link StatusApplier} alone: {@code --creates} Create commands, then, after a warm-up, batches
 * of {@code --batch} events (a fire, its start and its completion per fire, spread over {@code --jobs} jobs). {@code stream}: the same events pre-filled into the topics
 * of an in-process broker, then a status stream started against them; the clock runs from its start until every
 * completion is in {@code job_runs}. Both print events/s into the database. Each mode gets a fresh schema.
 */
public final class StatusApplyBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private StatusApplyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int jobs = Integer.parseInt(opts.getOrDefault("jobs", "1000"));
        int fires = Integer.parseInt(opts.getOrDefault("fires", "20000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "5000"));
        int creates = Integer.parseInt(opts.getOrDefault("creates", "10000"));
        String server = opts.getOrDefault("jdbc", "jdbc:mysql://127.0.0.1:3306/");
        String user = opts.getOrDefault("user", "root");
        String password = opts.getOrDefault("password", "");
        String mode = opts.getOrDefault("mode", "both");
        System.out.printf("status apply bench: %d jobs, %d fires (%d events), batches of %d, %s%n", jobs, fires, fires * 3,
                batch, server);
        if (!mode.equals("stream")) {
            withSchema(server, user, password, db -> applyAlone(db, jobs, fires, batch, creates));
        }
        if (!mode.equals("apply")) {
            withSchema(server, user, password, db -> throughStream(db, jobs, fires, batch));
        }
    }

    private static void applyAlone(DatabaseConfig config, int jobs, int fires, int batch, int creates) {
        try (Database db = Database.open(config, StatusStream.MAPPERS)) {
            StatusApplier applier = new StatusApplier(db.sessions(), Clock.systemUTC(), new ScheduleCalculator(),
                    JobSpecValidator.lenient());
            List<Object> initial = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                initial.add(create(j));
            }
            long created = System.nanoTime();
            applier.apply(initial);
            List<Object> more = new ArrayList<>();
            for (int j = jobs; j < jobs + creates; j++) {
                more.add(create(j));
            }
            long warm = System.nanoTime();
            for (int from = 0; from < more.size(); from += batch) {
                applier.apply(more.subList(from, Math.min(more.size(), from + batch)));
            }
            long createNanos = System.nanoTime() - warm;
            System.out.printf("creates: %d jobs in %s (first %d in %s): %,.0f creates/s%n", more.size(),
                    Figures.millis(createNanos), jobs, Figures.millis(warm - created), more.size() / (createNanos / 1e9));
            List<Object> warmUp = events(jobs, Math.min(fires, 15_000), T0.minusSeconds(86_400));
            for (int from = 0; from < warmUp.size(); from += batch) {
                applier.apply(warmUp.subList(from, Math.min(warmUp.size(), from + batch)));
            }
            List<Object> events = events(jobs, fires);
            long start = System.nanoTime();
            for (int from = 0; from < events.size(); from += batch) {
                applier.apply(events.subList(from, Math.min(events.size(), from + batch)));
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("apply alone: %d events in %s: %,.0f events/s (%,.0f fires/s), %.1f ms per batch of %d%n",
                    events.size(), Figures.millis(nanos), events.size() / (nanos / 1e9), fires / (nanos / 1e9),
                    nanos / 1e6 / Math.ceil(events.size() / (double) batch), batch);
        }
    }

    private static void throughStream(DatabaseConfig config, int jobs, int fires, int batch) throws Exception {
        Path dir = Files.createTempDirectory("status-bench-kafka");
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String prefix = "bench" + System.nanoTime() + ".";
            new TopicAdmin(admin).ensureTopics(prefix, 6, (short) 1);
            fill(kafka.bootstrapServers(), prefix, jobs, fires);
            try (Database db = Database.open(config, StatusStream.MAPPERS)) {
                long start = System.nanoTime();
                try (StatusStream stream = new StatusStream(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()), StatusStreamConfig.builder().topicPrefix(prefix).maxBatchEvents(batch)
                        .build(), db)) {
                    stream.start();
                    long done = 0;
                    long tenth = 0;
                    long doneAtTenth = 0;
                    do {
                        Thread.sleep(250); // a benchmark's progress poll, not a test wait
                        done = count(config, "SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL");
                        if (tenth == 0 && done >= fires / 10) {
                            tenth = System.nanoTime();
                            doneAtTenth = done;
                        }
                        System.out.printf("\r  stream: %,d of %,d fires finished in the database", done, fires);
                    } while (done < fires);
                    long end = System.nanoTime();
                    double steady = (fires - doneAtTenth) / ((end - tenth) / 1e9);
                    System.out.printf("%nthrough the stream: %d events in %s from a cold start of the stream: %,.0f events/s;"
                            + " once running (after the first tenth): %,.0f events/s (%,.0f fires/s)%n", fires * 3 + jobs,
                            Figures.millis(end - start), (fires * 3 + jobs) / ((end - start) / 1e9), steady * 3, steady);
                }
            }
        }
    }

    private static void fill(String bootstrap, String prefix, int jobs, int fires) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // on topics just created, the in-process broker can answer an idempotent producer's retries with
                // OUT_OF_ORDER_SEQUENCE_NUMBER for ever; the bench's input needs no idempotence
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int j = 0; j < jobs; j++) {
                send(producer, Topics.CONTROL, prefix, "job-" + j, create(j));
            }
            producer.flush();
            for (Object event : events(jobs, fires)) {
                if (event instanceof Fire fire) {
                    send(producer, Topics.FIRES, prefix, fire.jobId(), fire);
                } else if (event instanceof RunEvent run) {
                    send(producer, Topics.RUNS, prefix, run.jobId(), run);
                }
            }
        }
        System.out.printf("  filled the topics with %,d events%n", fires * 3 + jobs);
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String prefix, String key,
                                 V value) {
        String name = topic.name(prefix);
        producer.send(new ProducerRecord<>(name, key.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(name, value)));
    }

    private static ControlCommand.Create create(int job) {
        String id = "job-" + job;
        JobSpec spec = new JobSpec(id, ScheduleKind.EVERY, "1s", "UTC", "noop", JsonNodeFactory.instance.objectNode(), 0,
                OverlapPolicy.ALLOW, MisfirePolicy.ONCE, null, null, 1, null, 100);
        return new ControlCommand.Create(UUID.randomUUID().toString(), id, "bench", T0, null, spec, false);
    }

    private static List<Object> events(int jobs, int fires) {
        return events(jobs, fires, T0);
    }

    /** Per fire: its fire, start and completion, the fires spread over the jobs, a second apart per job. */
    private static List<Object> events(int jobs, int fires, Instant from) {
        List<Object> events = new ArrayList<>(fires * 3);
        for (int f = 0; f < fires; f++) {
            String job = "job-" + (f % jobs);
            Instant at = from.plusSeconds(1 + f / jobs);
            String fireId = FireIds.of(job, at, 1);
            events.add(new Fire(fireId, job, at, at.plusMillis(2), 1, "noop", null, null, 1));
            events.add(new RunEvent.Started(fireId, job, "w1", 1, at, at.plusMillis(4)));
            events.add(new RunEvent.Completed(fireId, job, "w1", 1, at, at.plusMillis(4), at.plusMillis(5), RunOutcome.OK,
                    null, null));
        }
        return events;
    }

    /** {@code --name value} pairs. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    private interface SchemaUse {
        void run(DatabaseConfig config) throws Exception;
    }

    private static void withSchema(String server, String user, String password, SchemaUse use) throws Exception {
        String schema = "firelane_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, user, password, "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        try {
            use.run(DatabaseConfig.of(server + schema + "?useSSL=false&allowPublicKeyRetrieval=true", user, password));
        } finally {
            execute(server, user, password, "DROP DATABASE IF EXISTS " + schema);
        }
    }

    private static void execute(String server, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "?useSSL=false&allowPublicKeyRetrieval=true", user, password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(DatabaseConfig config, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
