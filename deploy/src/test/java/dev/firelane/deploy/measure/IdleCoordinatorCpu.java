package dev.firelane.deploy.measure;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.fire.FireTopology;
import dev.firelane.deploy.testing.ChildJvm;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Prints what an idle coordinator costs (not a test): the fire topology alone in a child JVM, against an
 * in-process broker, with {@code JOBS} jobs registered that fire hourly (so the time indexes are full and
 * nothing is due), for each combination of partition count and wake-up settings given. For each it prints
 * the child's CPU (percent of one core: the whole process, and its stream thread alone) and the stream
 * thread's polls, loops that ran punctuators, and commits per second, over a window taken after a warm-up.
 * Read the stream thread's figure first: it is the one these settings change, and the least disturbed by a
 * busy machine.
 *
 * <pre>java [-Djobs=N -Devery=DURATION] -cp DEPLOY_TEST_CLASSPATH dev.firelane.deploy.measure.IdleCoordinatorCpu [WINDOW_S [PARTITIONS,... [SETTINGS,...]]]</pre>
 * SETTINGS are {@code punctuation/poll} pairs such as {@code PT0.2S/100} (the settings before due-time
 * wake-ups: 200 ms punctuation, the Streams default poll of 100 ms) and {@code PT0.01S/-} (today's defaults).
 * With {@code -Djobs=1000 -Devery=1s} it measures a steady load of 1,000 fires/s instead (no workers: the
 * fires stay in flight, with overlap {@code allow}).
 */
public final class IdleCoordinatorCpu {
    /** Jobs registered, and how often each fires: by default many, and none due during the window. */
    private static final int JOBS = Integer.getInteger("jobs", 10_000);
    private static final String EVERY = System.getProperty("every", "1h");
    private static final Duration WARM_UP = Duration.ofSeconds(15);

    private IdleCoordinatorCpu() {
    }

    public static void main(String[] args) throws IOException {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        List<Integer> partitionCounts = (args.length > 1 ? List.of(args[1].split(",")) : List.of("6", "48")).stream()
                .map(Integer::parseInt).toList();
        List<String> settings = args.length > 2 ? List.of(args[2].split(",")) : List.of("PT0.2S/100", "PT0.01S/-");
        Path dir = Files.createTempDirectory("firelane-idle");
        try {
            run(window, partitionCounts, settings, dir);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(Duration window, List<Integer> partitionCounts, List<String> settings, Path dir)
            throws IOException {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            int run = 0;
            for (int partitions : partitionCounts) {
                for (String setting : settings) {
                    String prefix = "idle" + (run++) + ".";
                    kafka.createTopics(prefix, partitions);
                    String[] parts = setting.split("/");
                    System.out.printf("partitions=%d punctuation=%s poll.ms=%s: %s%n", partitions, parts[0], parts[1],
                            measure(kafka, dir.resolve(prefix), prefix, parts[0], parts[1], window));
                }
            }
        }
    }

    private static void register(KafkaTestCluster kafka, String prefix) {
        Instant now = Instant.now();
        Map<String, List<JobState>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String id = String.format("job-%05d", i);
            JobSpec spec = new JobSpec(id, ScheduleKind.EVERY, EVERY, "UTC", "noop", null, 0, OverlapPolicy.ALLOW,
                    MisfirePolicy.ONCE, null, null, null, null, null);
            // anchors spread over a second: a steady rate, not one burst per interval
            Instant anchor = now.plusMillis(i % 1000);
            jobs.put(id, List.of(new JobState(spec, JobStatus.ACTIVE, 1, anchor, anchor)));
        }
        kafka.sendAll(Topics.JOB_STATE, prefix, jobs);
    }

    private static String measure(KafkaTestCluster kafka, Path dir, String prefix, String punctuation, String poll,
                                  Duration window) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("coordinator.log");
        try (ChildJvm child = ChildJvm.start(log, IdleCoordinatorMain.class, kafka.bootstrapServers(),
                dir.resolve("state").toString(), prefix, punctuation, poll)) {
            Awaitility.await("the coordinator running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> samples(log).size() > 0);
            // as in the failover test: a first produce racing the new changelogs' leader election can leave the
            // transactional producer retrying for seconds
            kafka.awaitLeaders(FireTopology.LOGGED_STORES.stream()
                    .map(store -> prefix + FireStream.DEFAULT_APPLICATION_ID_SUFFIX + "-" + store + "-changelog").toList());
            register(kafka, prefix);
            long startedAt = System.nanoTime();
            Awaitility.await("warm-up and window").atMost(WARM_UP.plus(window).plusSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> System.nanoTime() - startedAt > WARM_UP.plus(window).toNanos());
            List<long[]> samples = samples(log);
            long[] last = samples.get(samples.size() - 1);
            long[] first = samples.stream().filter(s -> last[0] - s[0] <= window.toNanos()).findFirst().orElseThrow();
            double seconds = (last[0] - first[0]) / 1e9;
            return String.format("process cpu %.1f%% of a core (stream thread %.1f%%), %.0f polls/s, %.0f punctuating"
                            + " loops/s, %.1f commits/s (over %.0f s)",
                    100.0 * (last[1] - first[1]) / (last[0] - first[0]), 100.0 * (last[5] - first[5]) / (last[0] - first[0]),
                    (last[2] - first[2]) / seconds, (last[3] - first[3]) / seconds, (last[4] - first[4]) / seconds, seconds);
        }
    }

    private static List<long[]> samples(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("SAMPLE "))
                .map(l -> java.util.Arrays.stream(l.substring(7).trim().split(" ")).mapToLong(Long::parseLong).toArray())
                .toList();
    }
}
