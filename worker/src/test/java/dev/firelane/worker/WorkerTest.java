package dev.firelane.worker;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import dev.firelane.worker.handlers.NoopHandler;
import dev.firelane.worker.internal.WorkerMetrics;
import dev.firelane.worker.testing.BlockingHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The worker against a real in-process KRaft broker. Each test has its own topics and consumer group. */
class WorkerTest extends WorkerIntegrationTest {
    @Test
    void every_fire_completes_exactly_once_after_its_start_and_is_committed_when_every_start_is_reported() {
        kafka.createTopics(prefix, 3);
        Map<String, List<Fire>> fires = new LinkedHashMap<>();
        for (int job = 0; job < 20; job++) {
            for (int tick = 0; tick < 10; tick++) {
                fires.computeIfAbsent("job-" + job, k -> new ArrayList<>()).add(aFire().job("job-" + job).tick(tick).build());
            }
        }
        kafka.sendAll(Topics.FIRES, prefix, fires);
        Worker worker = start(HandlerRegistry.load(), b -> b.startedDelay(Duration.ZERO));

        await().atMost(Duration.ofSeconds(30)).until(() -> completed().size() >= 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
        worker.close();

        List<ConsumerRecord<String, RunEvent>> events = kafka.readAll(Topics.RUNS, prefix);
        Map<String, Long> completions = events.stream().filter(r -> r.value() instanceof RunEvent.Completed)
                .collect(Collectors.groupingBy(r -> r.value().fireId(), Collectors.counting()));
        List<String> sent = fires.values().stream().flatMap(List::stream).map(Fire::fireId).toList();
        assertThat(completions.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(completions.values()).allMatch(count -> count == 1);
        for (ConsumerRecord<String, RunEvent> done : events) {
            if (done.value() instanceof RunEvent.Completed c) {
                assertThat(c.outcome()).isEqualTo(RunOutcome.OK);
                assertThat(c.workerId()).isEqualTo(worker.workerId());
                assertThat(done.key()).isEqualTo(c.jobId());
                assertThat(events).as("a Started before the Completed of %s", c.fireId())
                        .anyMatch(s -> s.value() instanceof RunEvent.Started && s.value().fireId().equals(c.fireId())
                                && s.partition() == done.partition() && s.offset() < done.offset());
            }
        }
        assertThat(worker.counters().completed(RunOutcome.OK)).isEqualTo(200);
        assertThat(kafka.uncommitted(group, firesTopic())).isEmpty();
    }

    @Test
    void a_short_run_is_reported_only_by_its_completion_and_a_long_one_started_first_then_heartbeats() {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire quick = aFire().job("quick").build();
        Fire slow = aFire().job("slow").handler("block").build();
        kafka.sendAll(Topics.FIRES, prefix, Map.of("quick", List.of(quick), "slow", List.of(slow)));
        start(HandlerRegistry.of(handler, new dev.firelane.worker.handlers.NoopHandler()),
                b -> b.startedDelay(Duration.ofMillis(300)).heartbeatInterval(Duration.ofMillis(200)));

        await().atMost(Duration.ofSeconds(20)).until(() -> completed().stream().anyMatch(c -> c.fireId().equals(quick.fireId())));
        await().atMost(Duration.ofSeconds(10)).until(() -> runEvents().stream()
                .anyMatch(e -> e instanceof RunEvent.Heartbeat && e.fireId().equals(slow.fireId())));
        handler.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> completed().size() == 2);

        List<RunEvent> events = runEvents();
        assertThat(events).as("no Started for the run that ended within the delay")
                .noneMatch(e -> e instanceof RunEvent.Started && e.fireId().equals(quick.fireId()));
        RunEvent.Completed quickDone = completed().stream().filter(c -> c.fireId().equals(quick.fireId())).findFirst().orElseThrow();
        assertThat(quickDone.startedAt()).as("its completion carries its start").isNotNull();
        List<String> slowKinds = events.stream().filter(e -> e.fireId().equals(slow.fireId()))
                .map(e -> e.getClass().getSimpleName()).distinct().toList();
        assertThat(slowKinds).containsExactly("Started", "Heartbeat", "Completed");
        RunEvent.Started slowStarted = (RunEvent.Started) events.stream()
                .filter(e -> e instanceof RunEvent.Started && e.fireId().equals(slow.fireId())).findFirst().orElseThrow();
        RunEvent.Completed slowDone = completed().stream().filter(c -> c.fireId().equals(slow.fireId())).findFirst().orElseThrow();
        assertThat(slowStarted.startedAt()).as("reported late, with the time it really started").isEqualTo(slowDone.startedAt());
    }

    @Test
    void runs_in_flight_never_exceed_the_limit() {
        kafka.createTopics(prefix, 3);
        BlockingHandler handler = new BlockingHandler("block");
        Map<String, List<Fire>> fires = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            fires.put("job-" + i, List.of(aFire().job("job-" + i).handler("block").build()));
        }
        kafka.sendAll(Topics.FIRES, prefix, fires);
        Worker worker = start(HandlerRegistry.of(handler), b -> b.maxConcurrentRuns(3));

        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 3);
        // the other nine fires are on the broker; an unbounded worker would start them within this window
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> handler.running() <= 3);
        assertThat(worker.counters().inFlight()).isEqualTo(3);
        handler.release();

        await().atMost(Duration.ofSeconds(20)).until(() -> completed().size() == 12);
        assertThat(handler.maxRunning()).isEqualTo(3);
        assertThat(completed()).allMatch(c -> c.outcome() == RunOutcome.OK);
    }

    @Test
    void a_revoked_partition_is_drained_before_it_moves_so_no_fire_runs_twice() {
        kafka.createTopics(prefix, 2);
        BlockingHandler handler = new BlockingHandler("block");
        Map<String, List<Fire>> fires = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            fires.put("job-" + i, List.of(aFire().job("job-" + i).handler("block").build()));
        }
        kafka.sendAll(Topics.FIRES, prefix, fires);
        // members learn of a rebalance by heartbeat: a short interval keeps the two rounds of a cooperative rebalance quick
        UnaryOperator<WorkerConfig.Builder> roomForAll = b -> b.maxConcurrentRuns(40).consumerProperty("heartbeat.interval.ms", 300);
        Worker first = start(HandlerRegistry.of(handler), roomForAll);
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 40); // runs from both partitions
        Worker second = start(HandlerRegistry.of(handler), roomForAll);

        // the first worker holds the revoked partition until its runs from it are done: nothing runs twice meanwhile
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.groupMembers(group) == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> second.counters().started() == 0);
        handler.release();

        List<String> sent = fires.values().stream().flatMap(List::stream).map(Fire::fireId).toList();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> completed().stream().map(RunEvent.Completed::fireId).distinct().count() == sent.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
        assertThat(completed()).as("every fire ran once, on the worker that had it").hasSize(sent.size())
                .allMatch(c -> c.workerId().equals(first.workerId()));
        assertThat(handler.started()).doesNotHaveDuplicates();

        // and the partition did move: later fires run on both workers
        Map<String, List<Fire>> later = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            later.put("job-" + i, List.of(aFire().job("job-" + i).handler("block").tick(1).build()));
        }
        kafka.sendAll(Topics.FIRES, prefix, later);
        await().atMost(Duration.ofSeconds(30)).until(() -> completed().size() == 2 * sent.size());
        assertThat(completed()).extracting(RunEvent.Completed::workerId).contains(first.workerId(), second.workerId());
    }

    @Test
    void a_throwing_handler_completes_with_an_error_naming_the_exception() {
        kafka.createTopics(prefix, 1);
        JobHandler throwing = new JobHandler() {
            @Override
            public String name() {
                return "throws";
            }

            @Override
            public HandlerResult run(RunContext context) {
                throw new IllegalStateException("boom in " + context.fireId());
            }
        };
        Fire fire = aFire().job("thrower").handler("throws").build();
        kafka.send(Topics.FIRES, prefix, fire.jobId(), fire);
        Worker worker = start(HandlerRegistry.load().with(throwing), b -> b);

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(completed.error()).isEqualTo("IllegalStateException: boom in " + fire.fireId());
        assertThat(worker.counters().completed(RunOutcome.ERROR)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
    }

    @Test
    void an_unknown_handler_completes_with_an_error_and_the_worker_carries_on() {
        kafka.createTopics(prefix, 1);
        Fire ghost = aFire().job("ghost").handler("nope").build();
        Fire next = aFire().job("ghost").handler("noop").tick(1).build();
        kafka.send(Topics.FIRES, prefix, ghost.jobId(), ghost);
        kafka.send(Topics.FIRES, prefix, next.jobId(), next);
        start(HandlerRegistry.load(), b -> b);

        RunEvent.Completed completed = awaitCompleted(ghost);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(completed.error()).isEqualTo("unknown handler nope");
        assertThat(awaitCompleted(next).outcome()).isEqualTo(RunOutcome.OK);
    }

    @Test
    void a_malformed_fire_goes_to_the_dlq_and_the_fire_behind_it_still_runs() {
        kafka.createTopics(prefix, 1);
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(firesTopic(), "job-bad".getBytes(StandardCharsets.UTF_8), garbage);
        Fire behind = aFire().job("job-bad").build();
        kafka.send(Topics.FIRES, prefix, behind.jobId(), behind);
        Worker worker = start(HandlerRegistry.load(), b -> b);

        assertThat(awaitCompleted(behind).outcome()).isEqualTo(RunOutcome.OK);
        List<ConsumerRecord<byte[], DeadLetter>> dead = kafka.readAll(Topics.DLQ, prefix);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("job-bad");
        DeadLetter letter = dead.get(0).value();
        assertThat(letter.sourceTopic()).isEqualTo(firesTopic());
        assertThat(letter.partition()).isZero();
        assertThat(letter.offset()).isZero();
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(letter.reason()).startsWith("not JSON");
        assertThat(letter.rejectedBy()).isEqualTo("worker " + worker.workerId());
        assertThat(worker.counters().deadLettered()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
    }

    @Test
    void sleep_asked_to_fail_completes_with_an_error_after_its_wait() {
        kafka.createTopics(prefix, 1);
        Fire failing = aFire().job("sleepy").handler("sleep").payload("{\"ms\": 30, \"fail\": true}").build();
        Fire fine = aFire().job("sleepy").handler("sleep").tick(1).payload("{\"ms\": 30}").build();
        kafka.send(Topics.FIRES, prefix, failing.jobId(), failing);
        kafka.send(Topics.FIRES, prefix, fine.jobId(), fine);
        start(HandlerRegistry.load(), b -> b);

        RunEvent.Completed failed = awaitCompleted(failing);
        assertThat(failed.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(failed.error()).contains("sleep");
        assertThat(Duration.between(failed.startedAt(), failed.finishedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(awaitCompleted(fine).outcome()).isEqualTo(RunOutcome.OK);
    }

    @Test
    void close_waits_for_a_run_in_flight_and_publishes_its_completion() throws InterruptedException {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire fire = aFire().job("long").handler("block").build();
        kafka.send(Topics.FIRES, prefix, fire.jobId(), fire);
        Worker worker = start(HandlerRegistry.of(handler), b -> b.drainTimeout(Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 1);

        Thread closer = new Thread(worker::close, "closer");
        closer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(completed()).isEmpty();
        handler.release();
        closer.join(Duration.ofSeconds(20).toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(completed()).singleElement().satisfies(c -> {
            assertThat(c.fireId()).isEqualTo(fire.fireId());
            assertThat(c.outcome()).isEqualTo(RunOutcome.OK);
        });
        assertThat(kafka.uncommitted(group, firesTopic())).isEmpty();
    }

    @Test
    void a_run_going_on_past_the_hand_over_time_no_longer_holds_back_its_partition_s_commits() {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire stuck = aFire().job("stuck").handler("block").build();
        Fire next = aFire().job("next").handler("noop").build();
        send(stuck, next);
        Worker worker = start(HandlerRegistry.of(handler, new NoopHandler()),
                b -> b.startedDelay(Duration.ZERO).handoverAfter(Duration.ofMillis(300)));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 1);
        awaitCompleted(next);

        // a handler that never returns: its fire is handed over to the coordinator, the partition commits past it
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
        assertThat(handler.running()).as("still running").isEqualTo(1);
        assertThat(worker.counters().handedOver()).isEqualTo(1);
        assertThat(runEvents()).filteredOn(e -> e.fireId().equals(stuck.fireId()))
                .as("reported, so the coordinator follows it by its heartbeats")
                .anyMatch(e -> e instanceof RunEvent.Started);

        handler.release();
        assertThat(awaitCompleted(stuck).outcome()).isEqualTo(RunOutcome.OK);
    }

    @Test
    void a_short_run_is_never_handed_over_so_a_dead_worker_s_fire_is_redelivered() {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire fire = aFire().job("brief").handler("block").build();
        send(fire);
        Worker worker = start(HandlerRegistry.of(handler), b -> b.startedDelay(Duration.ZERO)
                .drainTimeout(Duration.ofMillis(300)));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 1);

        worker.close(); // well within the default hand-over time of a minute

        assertThat(worker.counters().handedOver()).isZero();
        assertThat(kafka.uncommitted(group, firesTopic())).hasSize(1);
    }

    @Test
    void a_run_outliving_the_drain_timeout_is_left_uncommitted_for_redelivery() {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire fire = aFire().job("stuck").handler("block").build();
        kafka.send(Topics.FIRES, prefix, fire.jobId(), fire);
        Worker worker = start(HandlerRegistry.of(handler), b -> b.drainTimeout(Duration.ofMillis(300)));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 1);

        worker.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.running() == 0); // interrupted
        assertThat(completed()).isEmpty();
        assertThat(kafka.uncommitted(group, firesTopic())).hasSize(1);
    }

    @Test
    void a_cancelled_run_completes_as_cancelled() {
        kafka.createTopics(prefix, 1);
        Fire fire = aFire().job("nap").handler("sleep").payload("{\"ms\": 600000}").build();
        kafka.send(Topics.FIRES, prefix, fire.jobId(), fire);
        Worker worker = start(HandlerRegistry.load(), b -> b);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.counters().inFlight() == 1);

        assertThat(worker.cancel(fire.fireId())).isTrue();

        RunEvent.Completed completed = awaitCompleted(fire);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(worker.cancel(fire.fireId())).isFalse();
    }

    @Test
    void meters_count_runs_by_outcome_time_them_and_show_what_is_in_flight() {
        kafka.createTopics(prefix, 1);
        BlockingHandler blocking = new BlockingHandler("block");
        Fire ok = aFire().job("m").handler("noop").build();
        Fire failing = aFire().job("m").handler("sleep").tick(1).payload("{\"fail\": true}").build();
        Fire held = aFire().job("m").handler("block").tick(2).build();
        send(ok, failing, held);
        Worker worker = start(HandlerRegistry.load().with(blocking), b -> b);
        String id = worker.workerId();

        await().atMost(Duration.ofSeconds(20)).until(() -> blocking.running() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                meters.get(WorkerMetrics.RUNS_IN_FLIGHT).tag("worker", id).gauge().value() == 1.0);
        blocking.release();
        awaitCompleted(held);

        assertThat(meters.get(WorkerMetrics.RUNS_STARTED).tag("worker", id).counter().count()).isEqualTo(3.0);
        assertThat(meters.get(WorkerMetrics.RUNS_FINISHED).tags("worker", id, "outcome", "ok").counter().count()).isEqualTo(2.0);
        assertThat(meters.get(WorkerMetrics.RUNS_FINISHED).tags("worker", id, "outcome", "error").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(WorkerMetrics.RUN_DURATION).tags("worker", id, "outcome", "ok").timer().count()).isEqualTo(2);
        assertThat(meters.get(WorkerMetrics.RUNS_IN_FLIGHT).tag("worker", id).gauge().value()).isZero();
        assertThat(meters.get(WorkerMetrics.CONSUMER_LAG).tag("worker", id).gauge().value()).isZero();

        worker.close();
        assertThat(meters.find(WorkerMetrics.RUNS_IN_FLIGHT).tag("worker", id).gauge()).as("removed on close").isNull();
    }
}
