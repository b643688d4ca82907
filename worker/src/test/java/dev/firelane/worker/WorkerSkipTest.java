package dev.firelane.worker;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static dev.firelane.worker.testing.JobStateBuilder.aJobState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.internal.JobStateBook;
import dev.firelane.worker.internal.WorkerMetrics;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import dev.firelane.worker.testing.BlockingHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Fires of a job paused after they were emitted, against a real broker: the worker learns of the pause on job-state. */
class WorkerSkipTest extends WorkerIntegrationTest {
    private static final String JOB = "nightly";

    @Test
    void a_fire_queued_behind_a_busy_slot_is_skipped_when_its_job_is_paused_meanwhile() {
        kafka.createTopics(prefix, 1);
        BlockingHandler handler = new BlockingHandler("block");
        Fire first = aFire().job(JOB).handler("block").generation(1).build();
        Fire queued = aFire().job(JOB).handler("block").tick(60).generation(1).build();
        send(first, queued);
        // one slot, two records a poll: the second fire waits in the worker's queue while the first one runs
        Worker worker = start(HandlerRegistry.of(handler), b -> b.maxConcurrentRuns(1).consumerProperty("max.poll.records", 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.running() == 1 && worker.listensForJobStates());

        publish(aJobState().job(JOB).handler("block").paused().generation(2).build());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> worker.jobStates().known(JOB).equals(Optional.of(paused(2))));
        handler.release();

        RunEvent.Completed skipped = awaitCompleted(queued);
        assertThat(skipped.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(skipped.error()).isEqualTo("skipped: job paused (generation 2) before the run started");
        assertThat(skipped.workerId()).isEqualTo(worker.workerId());
        assertThat(handler.started()).as("its handler never ran").containsExactly(first.fireId());
        assertThat(runEvents()).as("no Started for it")
                .noneMatch(e -> e instanceof RunEvent.Started && e.fireId().equals(queued.fireId()));
        assertThat(awaitCompleted(first).outcome()).as("the run that started before the pause ends as it would")
                .isEqualTo(RunOutcome.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
        assertThat(worker.counters().started()).isOne();
        assertThat(worker.counters().completed(RunOutcome.SKIPPED)).isOne();
        assertThat(meters.get(WorkerMetrics.RUNS_FINISHED).tags("worker", worker.workerId(), "outcome", "skipped")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void the_worker_follows_pause_resume_and_delete_even_when_job_state_appears_after_it_started() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Worker worker = start(HandlerRegistry.of(recording(ran)), b -> b);
        kafka.createTopics(prefix, 2); // the reader waits for the topic rather than give up
        await().atMost(Duration.ofSeconds(20)).until(worker::listensForJobStates);

        publish(aJobState().job(JOB).paused().generation(2).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.jobStates().known(JOB).isPresent());
        Fire beforePause = aFire().job(JOB).handler("recording").tick(0).generation(1).build();
        Fire underPause = aFire().job(JOB).handler("recording").tick(1).generation(2).build(); // e.g. a trigger
        send(beforePause, underPause);
        assertThat(awaitCompleted(beforePause).outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(awaitCompleted(underPause).outcome()).isEqualTo(RunOutcome.OK);

        publish(aJobState().job(JOB).active().generation(3).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.jobStates().known(JOB)
                .map(k -> k.status() == JobStatus.ACTIVE).orElse(false));
        Fire afterResume = aFire().job(JOB).handler("recording").tick(2).generation(3).build();
        send(afterResume);
        assertThat(awaitCompleted(afterResume).outcome()).isEqualTo(RunOutcome.OK);

        publish(aJobState().job(JOB).paused().generation(4).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.jobStates().known(JOB).equals(Optional.of(paused(4))));
        kafka.sendRaw(Topics.JOB_STATE.name(prefix), Topics.JOB_STATE.keySerde().serializer().serialize("", JOB), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.jobStates().known(JOB).isEmpty());
        // a job id re-created after a delete starts its generations again: a deletion is no reason to skip
        Fire afterDelete = aFire().job(JOB).handler("recording").tick(3).generation(1).build();
        send(afterDelete);
        assertThat(awaitCompleted(afterDelete).outcome()).isEqualTo(RunOutcome.OK);

        assertThat(ran).containsExactly(underPause.fireId(), afterResume.fireId(), afterDelete.fireId());
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.uncommitted(group, firesTopic()).isEmpty());
    }

    private void publish(JobState state) {
        kafka.send(Topics.JOB_STATE, prefix, state.jobId(), state);
    }

    private static JobStateBook.Known paused(long generation) {
        return new JobStateBook.Known(JobStatus.PAUSED, generation);
    }

    private static JobHandler recording(List<String> ran) {
        return new JobHandler() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public HandlerResult run(RunContext context) {
                ran.add(context.fireId());
                return HandlerResult.ok();
            }
        };
    }
}
