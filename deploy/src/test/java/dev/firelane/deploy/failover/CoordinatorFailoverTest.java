package dev.firelane.deploy.failover;

import static dev.firelane.deploy.failover.FailoverSettings.APPLICATION_ID;
import static dev.firelane.deploy.failover.FailoverSettings.PARTITIONS;
import static dev.firelane.deploy.failover.FailoverSettings.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.fire.FireTopology;
import dev.firelane.deploy.testing.ChildJvm;
import dev.firelane.deploy.failover.FiresCollector.Received;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 5 across a real crash: two coordinator instances share the fire topology's six partitions,
 * 1,000 jobs fire every second for 30 s, and halfway one instance (a child JVM) is SIGKILLed, mid
 * transaction. The surviving instance takes its partitions over. Read with {@code read_committed},
 * every (job, scheduled second) must be on {@code fires} exactly once: nothing the dead instance had
 * not committed is visible, nothing it had committed is fired again, and the seconds that passed while
 * nobody owned its partitions are caught up (the jobs use the {@code all} misfire policy, which is what
 * promises every missed time; {@code once} would collapse them into one catch-up fire by design).
 */
class CoordinatorFailoverTest {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorFailoverTest.class);

    private static final int JOBS = 1_000;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration SCHEDULE_RUN = Duration.ofSeconds(30);
    private static final Duration CRASH_AFTER = SCHEDULE_RUN.dividedBy(2);
    /** Every job must have fired this long before the crash, so that each job's checked run spans it. */
    private static final Duration STARTED_BEFORE_CRASH = Duration.ofSeconds(2);
    /** After the run: takeover (session timeout, restore) and catch-up must be done within this. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final String CLIENT_A = "failover-a";
    private static final String CLIENT_B = "failover-b";

    @TempDir
    Path dir;

    @Test
    void crashing_one_of_two_coordinators_mid_schedule_neither_duplicates_nor_loses_a_fire() throws Exception {
        Clock clock = Clock.systemUTC();
        try (KafkaTestCluster kafka = KafkaTestCluster.start(FailoverSettings.brokerProperties())) {
            kafka.createTopics(PREFIX, PARTITIONS);
            String firesTopic = Topics.FIRES.name(PREFIX);
            ChildJvm b = ChildCoordinator.start(kafka.bootstrapServers(), dir.resolve("state-b"), CLIENT_B,
                    FailoverSettings.LONG_COMMIT_INTERVAL, dir.resolve("coordinator-b.log"));
            try (b;
                 FireStream a = new FireStream(FailoverSettings.streamsProperties(kafka.bootstrapServers(),
                         dir.resolve("state-a"), CLIENT_A, FailoverSettings.COMMIT_INTERVAL), FailoverSettings.topology(clock));
                 FiresCollector fires = new FiresCollector(kafka.bootstrapServers(), kafka.partitions(firesTopic))) {
                a.start();
                Map<String, Set<Integer>> owned = awaitBothOwnPartitions(kafka.admin(), a, b);
                Set<Integer> partitionsOfB = owned.get(CLIENT_B);
                log.info("partitions before the crash: {}", owned);
                // Streams created its changelogs in the rebalance; a first produce racing their leader
                // election can leave a transactional producer retrying out-of-order sequences for seconds
                kafka.awaitLeaders(changelogs());
                fires.start();

                Instant registeredAt = register(kafka, clock);
                await("both instances firing").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(fires.received()).extracting(Received::partition).containsAll(allPartitions()));
                // on a loaded machine the jobs may take a while to be picked up: the crash must still fall
                // inside every job's checked run, so it waits for each job's first fire as well as for halfway
                await("every job fired once").atMost(CRASH_AFTER.plus(CATCH_UP)).pollInterval(Duration.ofMillis(200))
                        .until(() -> firedJobs(fires) == JOBS);
                Instant crashAt = latest(registeredAt.plus(CRASH_AFTER), clock.instant().plus(STARTED_BEFORE_CRASH));
                Instant end = crashAt.plus(SCHEDULE_RUN.minus(CRASH_AFTER));
                await("halfway").atMost(CRASH_AFTER.plus(CATCH_UP)).until(() -> !clock.instant().isBefore(crashAt));
                assertThat(b.isAlive()).as("child coordinator alive before the crash:%n%s", b.logTail()).isTrue();
                // aim the kill inside a transaction of b's (fires emitted, not yet committed): mid-punctuation
                awaitOpenTransaction(kafka.admin(), firesTopic, partitionsOfB);
                b.kill(); // SIGKILL: no shutdown hook, no leave-group; the open transaction stays open
                Instant crashedAt = clock.instant();
                log.info("coordinator {} SIGKILLed at {}", CLIENT_B, crashedAt);

                await("every (job, second) up to the end of the run").atMost(SCHEDULE_RUN.plus(CATCH_UP))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(clock.instant()).isAfterOrEqualTo(end);
                            assertThat(missing(fires, end)).as("missing fires").isEmpty();
                        });
                await("all partitions taken over").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(owners(kafka.admin())).isEqualTo(Map.of(CLIENT_A, allPartitions())));

                List<Fire> committed = kafka.readValues(Topics.FIRES, PREFIX);
                assertNoDuplicates(committed);
                assertEveryJobStartedBeforeTheCrash(fires.received(), crashedAt);
                assertTakeoverCaughtUp(fires.received(), partitionsOfB, crashedAt);
                // informative only: the kill is aimed inside an open transaction, but b may commit just before it
                log.info("read_uncommitted shows {} fires twice: emitted in the crashed instance's aborted transaction,"
                        + " then again by the instance that took over", FiresCollector.refiredAfterAbort(
                        kafka.bootstrapServers(), kafka.partitions(firesTopic)));
            } finally {
                log.info("log tail of coordinator {}:{}{}", CLIENT_B, System.lineSeparator(), b.logTail());
            }
        }
    }

    private static long firedJobs(FiresCollector fires) {
        return fires.received().stream().map(r -> r.fire().jobId()).distinct().count();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Puts the jobs on {@code job-state}; returns when they were acknowledged. */
    private static Instant register(KafkaTestCluster kafka, Clock clock) {
        Instant anchor = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, List<JobState>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String id = String.format("job-%04d", i);
            JobSpec spec = new JobSpec(id, ScheduleKind.EVERY, "1s", "UTC", "noop", null, 0,
                    // no workers here: with overlap skip, a fire never completed would block the next
                    OverlapPolicy.ALLOW, MisfirePolicy.ALL, null, null, null, null, null);
            jobs.put(id, List.of(new JobState(spec, JobStatus.ACTIVE, 1, anchor, anchor)));
        }
        kafka.sendAll(Topics.JOB_STATE, PREFIX, jobs);
        Instant registeredAt = clock.instant();
        log.info("{} jobs registered at {} (anchor {})", JOBS, registeredAt, anchor);
        return registeredAt;
    }

    private static Map<String, Set<Integer>> awaitBothOwnPartitions(Admin admin, FireStream a, ChildJvm b) {
        return await("both instances own partitions").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!b.isAlive()) {
                        throw new AssertionError("the child coordinator died:%n" + b.logTail());
                    }
                    return a.state() == KafkaStreams.State.RUNNING ? owners(admin) : Map.<String, Set<Integer>>of();
                }, owners -> owners.size() == 2 && owners.values().stream().noneMatch(Set::isEmpty)
                        && owners.values().stream().mapToInt(Set::size).sum() == PARTITIONS);
    }

    /** Waits until one of {@code partitions} has records of a transaction not yet committed. */
    private static void awaitOpenTransaction(Admin admin, String topic, Set<Integer> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        await("an open transaction on " + partitions).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    var committed = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                    var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
                    return latest.keySet().stream().anyMatch(tp -> written.get(tp).offset() > committed.get(tp).offset());
                });
    }

    /** Client id → the {@code job-state} partitions it is assigned (empty map while the group rebalances). */
    private static Map<String, Set<Integer>> owners(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get()
                .get(APPLICATION_ID);
        String jobState = Topics.JOB_STATE.name(PREFIX);
        Map<String, Set<Integer>> owners = new HashMap<>();
        for (MemberDescription member : group.members()) {
            String client = member.clientId().startsWith(CLIENT_A) ? CLIENT_A
                    : member.clientId().startsWith(CLIENT_B) ? CLIENT_B : member.clientId();
            owners.computeIfAbsent(client, c -> new TreeSet<>()).addAll(member.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(jobState)).map(TopicPartition::partition).toList());
        }
        return owners;
    }

    private static List<String> changelogs() {
        return FireTopology.LOGGED_STORES.stream().map(store -> APPLICATION_ID + "-" + store + "-changelog").toList();
    }

    private static Set<Integer> allPartitions() {
        Set<Integer> all = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(p);
        }
        return all;
    }

    /** Every (job, second) from the job's first fire to {@code end} that has not been read. */
    private static List<String> missing(FiresCollector fires, Instant end) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String id = String.format("job-%04d", i);
            NavigableSet<Instant> seen = new TreeSet<>(fires.scheduled(id));
            if (seen.isEmpty()) {
                missing.add(id + " never fired");
                continue;
            }
            for (Instant t = seen.first(); !t.isAfter(end); t = t.plus(INTERVAL)) {
                if (!seen.contains(t)) {
                    missing.add(id + "@" + t);
                }
            }
        }
        return missing.size() > 20 ? List.of(missing.size() + " missing, e.g. " + missing.subList(0, 20)) : missing;
    }

    private static void assertNoDuplicates(List<Fire> committed) {
        Map<String, Long> byFireId = committed.stream().collect(Collectors.groupingBy(Fire::fireId, Collectors.counting()));
        assertThat(byFireId.entrySet()).as("fire ids on fires (read_committed) more than once")
                .filteredOn(e -> e.getValue() > 1).isEmpty();
        // first attempts only, so fire ids and (job, scheduled time) pairs are one and the same
        assertThat(committed).extracting(Fire::attempt).containsOnly(1);
        log.info("{} fires committed, no duplicate", committed.size());
    }

    /** The crash fell inside every job's checked run (first fire to end), or the check would prove little. */
    private static void assertEveryJobStartedBeforeTheCrash(List<Received> received, Instant crashedAt) {
        Map<String, Received> first = received.stream().collect(Collectors.toMap(r -> r.fire().jobId(), r -> r,
                (x, y) -> x.fire().scheduledAt().isBefore(y.fire().scheduledAt()) ? x : y));
        assertThat(first).hasSize(JOBS);
        Instant bound = crashedAt.minus(STARTED_BEFORE_CRASH);
        Map<Integer, List<String>> late = first.values().stream()
                .filter(r -> !r.fire().scheduledAt().isBefore(bound))
                .collect(Collectors.groupingBy(Received::partition, TreeMap::new,
                        Collectors.mapping(r -> r.fire().fireId(), Collectors.toList())));
        assertThat(late).as("first fires at or after %s, by partition", bound).isEmpty();
    }

    /**
     * Proves the crash mattered: schedule times on the dead instance's partitions that fell after the
     * crash were fired late, by the instance that took over (none could own them before the session expired).
     */
    private static void assertTakeoverCaughtUp(List<Received> received, Set<Integer> partitionsOfB, Instant crashedAt) {
        List<Fire> late = received.stream()
                .filter(r -> partitionsOfB.contains(r.partition()))
                .map(Received::fire)
                .filter(f -> f.scheduledAt().isAfter(crashedAt))
                .filter(f -> Duration.between(f.scheduledAt(), f.firedAt()).compareTo(Duration.ofSeconds(3)) >= 0)
                .toList();
        assertThat(late).as("catch-up fires for the crashed instance's partitions").isNotEmpty();
        Map<Long, Long> lateness = late.stream().collect(Collectors.groupingBy(
                f -> Duration.between(f.scheduledAt(), f.firedAt()).toSeconds(), TreeMap::new, Collectors.counting()));
        log.info("takeover: {} fires caught up late on partitions {}; seconds late: count {}", late.size(), partitionsOfB, lateness);
        // the figure of the restart-recovery target (every job fires again within 15 s of a kill); printed, not
        // asserted as a time: the machines running tests are shared and noisy
        Map<String, Instant> firstAfter = new TreeMap<>();
        received.stream().filter(r -> partitionsOfB.contains(r.partition()))
                .filter(r -> r.fire().firedAt().isAfter(crashedAt))
                .forEach(r -> firstAfter.merge(r.fire().jobId(), r.fire().firedAt(), (a, b) -> a.isBefore(b) ? a : b));
        Duration slowest = firstAfter.values().stream().map(at -> Duration.between(crashedAt, at))
                .max(Comparator.naturalOrder()).orElseThrow();
        log.info("takeover: every one of the {} jobs of the killed instance fired again within {} ms of the kill",
                firstAfter.size(), slowest.toMillis());
    }
}
