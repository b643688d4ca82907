package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.completed;
import static dev.firelane.coordinator.status.Events.fire;
import static dev.firelane.coordinator.status.Events.fireId;
import static dev.firelane.coordinator.status.Events.started;
import static dev.firelane.coordinator.status.Events.t;
import static dev.firelane.coordinator.testing.JobSpecs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

/**
 * The status applier's contract, run against each database (H2 in MySQL mode and MariaDB): the same
 * mapper XML must behave the same on both.
 */
abstract class StatusApplierContract extends StatusDatabaseFixture {
    // ---- the seed scenario and run telemetry ----

    @Test
    void pause_during_run_survives_completion_and_telemetry_is_recorded() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        apply(events.pause(JOB, t(61)));
        RunEvent.Completed done = completed(JOB, t(60), RunOutcome.OK);

        List<Publication> published = apply(done);

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(row.lastRunStatus()).isEqualTo("ok");
        assertThat(row.lastRunAt()).isEqualTo(done.finishedAt());
        assertThat(row.lastDeliveryStatus()).isEqualTo(200);
        assertThat(row.generation()).isEqualTo(2);
        assertThat(published).isEmpty();
    }

    @Test
    void pause_during_run_survives_completion_inside_a_large_batch() {
        List<Object> batch = new java.util.ArrayList<>();
        for (int j = 0; j < 200; j++) {
            batch.add(events.create(aJob("other-" + j).build()));
        }
        batch.add(events.create(aJob(JOB).build()));
        batch.add(fire(JOB, t(60)));
        batch.add(started(JOB, t(60)));
        for (int j = 0; j < 200; j++) {
            batch.add(fire("other-" + j, t(60)));
            batch.add(completed("other-" + j, t(60), RunOutcome.OK));
        }
        batch.add(events.pause(JOB, t(61)));
        for (int j = 0; j < 200; j++) {
            batch.add(completed("other-" + j, t(120), RunOutcome.ERROR));
        }
        batch.add(completed(JOB, t(60), RunOutcome.OK));

        apply(batch.toArray());

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(row.lastRunStatus()).isEqualTo("ok");
        assertThat(job("other-7").runCount()).isEqualTo(2);
        assertThat(job("other-7").jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(pausesPreserved()).isEqualTo(1);
    }

    // ---- where commands were applied ----

    @Test
    void a_command_keeps_the_place_it_was_first_applied_at_when_applied_again_from_further_on() {
        createActive(JOB);
        ControlCommand.Pause pause = events.pause(JOB, t(61));
        CommandPlacement first = new CommandPlacement(pause.commandId(), 3, 40, 17, 9, t(62));

        StatusApplier.Applied applied = applier.apply(List.of(pause), Map.of(pause.commandId(), first));

        assertThat(applied.places()).containsEntry(pause.commandId(), first);
        assertThat(command(pause).firesOffset()).isEqualTo(17L);
        assertThat(command(pause).runsOffset()).isEqualTo(9L);

        // the batch committed but its outputs never reached the broker; a stream that has read further applies it again
        CommandPlacement later = new CommandPlacement(pause.commandId(), 3, 40, 25, 30, t(70));
        StatusApplier.Applied again = applier.apply(List.of(pause), Map.of(pause.commandId(), later));

        CommandPlacement kept = again.places().get(pause.commandId());
        assertThat(kept.firesOffset()).as("the place the database saw").isEqualTo(17);
        assertThat(kept.runsOffset()).isEqualTo(9);
        assertThat(kept.controlOffset()).isEqualTo(40);
        assertThat(kept.partition()).isEqualTo(3);
    }

    @Test
    void a_command_applied_without_a_place_has_none_recorded_and_is_not_placed_again() {
        createActive(JOB);
        ControlCommand.Pause pause = events.pause(JOB, t(61));

        apply(pause); // as replay applies: no place
        StatusApplier.Applied again = applier.apply(List.of(pause),
                Map.of(pause.commandId(), new CommandPlacement(pause.commandId(), 0, 5, 8, 8, t(70))));

        assertThat(command(pause).firesOffset()).isNull();
        assertThat(command(pause).runsOffset()).isNull();
        assertThat(again.places()).as("a place made up now could be wrong").isEmpty();
    }

    @Test
    void an_unknown_read_position_is_recorded_as_null_and_placed_as_unknown() {
        createActive(JOB);
        ControlCommand.Pause pause = events.pause(JOB, t(61));
        CommandPlacement place = new CommandPlacement(pause.commandId(), 0, 5, CommandPlacement.UNKNOWN, 12, t(62));

        applier.apply(List.of(pause), Map.of(pause.commandId(), place));
        CommandPlacement again = applier.apply(List.of(pause), Map.of(pause.commandId(), place)).places()
                .get(pause.commandId());

        assertThat(command(pause).firesOffset()).isNull();
        assertThat(command(pause).runsOffset()).isEqualTo(12L);
        assertThat(again.firesOffset()).isEqualTo(CommandPlacement.UNKNOWN);
        assertThat(again.runsOffset()).isEqualTo(12);
    }

    @Test
    void status_changes_of_many_jobs_in_one_batch_each_keep_their_guard() {
        int n = BatchWriter.JOBS_PER_STATEMENT + 200; // more than one statement's worth on MySQL and MariaDB, where a kind of change is grouped
        String lastAt = "at-" + (n - 1);
        String lastEvery = "every-" + (n - 1);
        List<Object> setup = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            setup.add(events.create(aJob("at-" + j).at(t(60)).build()));
            setup.add(events.create(aJob("every-" + j).maxErrors(1).build()));
        }
        apply(setup.toArray());
        apply(events.pause("at-7", t(61)), events.delete("every-8", t(61)));
        List<Object> batch = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            batch.add(fire("at-" + j, t(60)));
            batch.add(completed("at-" + j, t(60), RunOutcome.OK));
            batch.add(fire("every-" + j, t(60)));
            batch.add(completed("every-" + j, t(60), RunOutcome.ERROR));
        }
        batch.add(events.pause("every-9", t(62)));

        apply(batch.toArray());

        assertThat(job("at-0").jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job(lastAt).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job(lastAt).updatedAt()).as("each row gets its own instant").isEqualTo(
                completed(lastAt, t(60), RunOutcome.OK).finishedAt());
        assertThat(job("at-7").jobStatus()).as("a paused at job is not completed by its run").isEqualTo(JobStatus.PAUSED);
        assertThat(job("at-7").runCount()).isEqualTo(1);
        assertThat(job("every-0").jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job(lastEvery).jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job("every-8").jobStatus()).as("deleted stays deleted").isEqualTo(JobStatus.DELETED);
        assertThat(job("every-9").jobStatus()).as("failed, then paused by the operator").isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void run_rows_of_many_fires_in_one_batch_are_inserted_then_finished_each_once() {
        int n = BatchWriter.JOBS_PER_STATEMENT + 100; // more than one statement's worth on MySQL and MariaDB, where run rows are grouped
        String last = "job-" + (n - 1);
        List<Object> setup = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            setup.add(events.create(aJob("job-" + j).build()));
        }
        apply(setup.toArray());
        List<Object> fires = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            fires.add(fire("job-" + j, t(60)));
        }
        fires.add(completed("job-3", t(60), RunOutcome.ERROR)); // finished in the batch that inserts it
        apply(fires.toArray());
        List<Object> completions = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            completions.add(completed("job-" + j, t(60), RunOutcome.OK)); // job-3's is a duplicate: changes nothing
        }

        apply(completions.toArray());

        RunRow first = runs("job-0").get(0);
        assertThat(first.firedAt()).isEqualTo(fire("job-0", t(60)).firedAt());
        assertThat(first.outcome()).isEqualTo("ok");
        assertThat(first.workerId()).isEqualTo(Events.WORKER);
        assertThat(first.finishedAt()).isEqualTo(completed("job-0", t(60), RunOutcome.OK).finishedAt());
        assertThat(runs(last)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("ok"));
        assertThat(runs("job-3")).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("error"));
        assertThat(job("job-3").runCount()).isEqualTo(1);
        assertThat(job(last).runCount()).isEqualTo(1);
    }

    @Test
    void a_paused_at_job_whose_run_succeeded_completes_when_resumed() {
        apply(events.create(aJob(JOB).at(t(60)).build()));
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        apply(events.pause(JOB, t(61)));
        apply(completed(JOB, t(60), RunOutcome.OK));
        assertThat(job(JOB).jobStatus()).as("the pause sticks through the completion").isEqualTo(JobStatus.PAUSED);
        ControlCommand.Resume resume = events.resume(JOB, t(62));

        List<Publication> published = apply(resume);

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).as("its one run succeeded: nothing is left to schedule").isEqualTo(JobStatus.COMPLETED);
        assertThat(row.nextFireAt()).isNull();
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(command(resume).result()).isEqualTo(CommandRow.APPLIED);
        assertThat(command(resume).resultReason()).contains("completed");
    }

    @Test
    void a_paused_at_job_resumes_to_active_when_its_run_failed_or_it_was_moved_to_another_time() {
        apply(events.create(aJob("failed").at(t(60)).maxErrors(5).build()));
        apply(fire("failed", t(60)), started("failed", t(60)), events.pause("failed", t(61)),
                completed("failed", t(60), RunOutcome.ERROR));
        apply(events.create(aJob("moved").at(t(60)).build()));
        apply(fire("moved", t(60)), started("moved", t(60)), events.pause("moved", t(61)),
                completed("moved", t(60), RunOutcome.OK));
        apply(events.update(aJob("moved").at(t(600)).build(), t(62)));

        apply(events.resume("failed", t(63)), events.resume("moved", t(63)));

        assertThat(job("failed").jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(job("moved").jobStatus()).as("a new time: its run is still to come").isEqualTo(JobStatus.ACTIVE);
        assertThat(job("moved").nextFireAt()).isEqualTo(t(600));
    }

    @Test
    void completion_delivered_three_times_counts_once() {
        apply(events.create(aJob(JOB).maxErrors(5).build()));
        apply(fire(JOB, t(60)));
        RunEvent.Completed failed = completed(JOB, t(60), RunOutcome.ERROR);

        apply(failed);
        apply(failed);
        apply(failed);

        JobRow row = job(JOB);
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(row.consecutiveErrors()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("boom error");
        assertThat(runs(JOB)).singleElement().satisfies(run -> assertThat(run.outcome()).isEqualTo("error"));
    }

    @Test
    void a_late_real_completion_of_an_abandoned_fire_changes_nothing() {
        apply(events.create(aJob(JOB).maxErrors(5).build()));
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        RunEvent.Completed abandoned = new RunEvent.Completed(fireId(JOB, t(60)), JOB, Events.WORKER, 1, t(60),
                t(60).plusMillis(10), t(100), RunOutcome.ABANDONED, "abandoned: no heartbeat from worker " + Events.WORKER, null);

        apply(abandoned); // the coordinator gave up on the silent worker
        apply(completed(JOB, t(60), RunOutcome.OK)); // which was only slow

        JobRow row = job(JOB);
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(row.lastRunStatus()).isEqualTo("abandoned");
        assertThat(row.consecutiveErrors()).isEqualTo(1);
        assertThat(runs(JOB)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("abandoned");
            assertThat(run.finishedAt()).isEqualTo(t(100));
        });
    }

    @Test
    void at_job_success_completes_it() {
        apply(events.create(aJob(JOB).at(t(60)).build()));
        apply(fire(JOB, t(60)));

        List<Publication> published = apply(completed(JOB, t(60), RunOutcome.OK));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job(JOB).nextFireAt()).isNull();
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.state().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(p.state().generation()).isEqualTo(2);
        });
    }

    @Test
    void at_job_success_while_paused_stays_paused() {
        apply(events.create(aJob(JOB).at(t(60)).build()));
        apply(fire(JOB, t(60)));
        apply(events.pause(JOB, t(61)));

        List<Publication> published = apply(completed(JOB, t(60), RunOutcome.OK));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(job(JOB).runCount()).isEqualTo(1);
        assertThat(published).isEmpty();
    }

    @Test
    void errors_reaching_the_limit_fail_the_job() {
        apply(events.create(aJob(JOB).maxErrors(2).build()));

        List<Publication> first = apply(completed(JOB, t(60), RunOutcome.ERROR));
        assertThat(first).isEmpty();
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.ACTIVE);

        List<Publication> second = apply(completed(JOB, t(120), RunOutcome.TIMEOUT));

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(row.consecutiveErrors()).isEqualTo(2);
        assertThat(row.generation()).isEqualTo(2);
        assertThat(second).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.FAILED));
    }

    @Test
    void success_resets_and_cancellation_keeps_consecutive_errors() {
        apply(events.create(aJob(JOB).maxErrors(3).build()));
        apply(completed(JOB, t(60), RunOutcome.ERROR), completed(JOB, t(120), RunOutcome.ABANDONED));
        apply(completed(JOB, t(180), RunOutcome.CANCELLED));
        assertThat(job(JOB).consecutiveErrors()).isEqualTo(2);

        apply(completed(JOB, t(240), RunOutcome.OK));

        assertThat(job(JOB).consecutiveErrors()).isZero();
        assertThat(job(JOB).lastError()).isNull();
        assertThat(job(JOB).runCount()).isEqualTo(4);
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.ACTIVE);
    }

    @Test
    void errors_while_paused_never_fail_the_job() {
        apply(events.create(aJob(JOB).maxErrors(1).build()));
        apply(events.pause(JOB, t(1)));

        apply(completed(JOB, t(60), RunOutcome.ERROR));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(job(JOB).consecutiveErrors()).isEqualTo(1);
    }

    @Test
    void a_skipped_fire_is_history_only_and_never_started() {
        createActive(JOB);
        apply(fire(JOB, t(60)), events.pause(JOB, t(61)));
        RunEvent.Completed skipped = new RunEvent.Completed(fireId(JOB, t(60)), JOB, Events.WORKER, 1, t(60), t(62),
                t(62), RunOutcome.SKIPPED, "skipped: job paused (generation 2) before the run started", null);

        apply(skipped);

        JobRow row = job(JOB);
        assertThat(row.runCount()).isZero();
        assertThat(row.lastRunStatus()).isNull();
        assertThat(row.jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(runs(JOB)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("skipped");
            assertThat(run.startedAt()).isNull();
            assertThat(run.finishedAt()).isEqualTo(t(62));
            assertThat(run.error()).contains("paused");
        });
        assertThat(pausesPreserved()).isZero();
    }

    @Test
    void a_run_of_an_unknown_job_is_run_history_only_and_never_counts_even_delivered_again_once_the_job_exists() {
        RunEvent.Completed done = completed("ghost", t(60), RunOutcome.OK);
        List<Publication> published = apply(fire("ghost", t(60)), started("ghost", t(60)), done);

        assertThat(published).isEmpty();
        assertThat(job("ghost")).isNull();
        assertThat(runs("ghost")).hasSize(1);

        // found by the property test: dropped, the same completion delivered again after the create (a replay, a
        // redelivery) counted where its first application had not
        createActive("ghost");
        apply(done);
        assertThat(job("ghost").runCount()).isZero();
    }

    @Test
    void completion_before_its_fire_and_start_yields_one_correct_run_row() {
        createActive(JOB);
        RunEvent.Completed done = completed(JOB, t(60), RunOutcome.OK);
        Fire fire = fire(JOB, t(60));

        apply(done);
        apply(fire);
        apply(started(JOB, t(60)));

        assertThat(runs(JOB)).singleElement().satisfies(run -> {
            assertThat(run.fireId()).isEqualTo(fireId(JOB, t(60)));
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.scheduledAt()).isEqualTo(t(60));
            assertThat(run.firedAt()).isEqualTo(fire.firedAt());
            assertThat(run.startedAt()).isEqualTo(done.startedAt());
            assertThat(run.finishedAt()).isEqualTo(done.finishedAt());
            assertThat(run.workerId()).isEqualTo(Events.WORKER);
            assertThat(run.outcome()).isEqualTo("ok");
            assertThat(run.deliveryStatus()).isEqualTo(200);
        });
        assertThat(job(JOB).runCount()).isEqualTo(1);
    }

    @Test
    void fire_then_start_record_the_run_in_progress() {
        createActive(JOB);

        apply(fire(JOB, t(60)), started(JOB, t(60)));

        assertThat(runs(JOB)).singleElement().satisfies(run -> {
            assertThat(run.firedAt()).isEqualTo(t(60).plusMillis(5));
            assertThat(run.startedAt()).isEqualTo(t(60).plusMillis(10));
            assertThat(run.workerId()).isEqualTo(Events.WORKER);
            assertThat(run.finishedAt()).isNull();
        });
        assertThat(job(JOB).lastFireId()).isEqualTo(fireId(JOB, t(60)));
        assertThat(job(JOB).nextFireAt()).isEqualTo(t(120));
    }

    @Test
    void late_fire_never_moves_the_schedule_estimate_back() {
        createActive(JOB);
        apply(fire(JOB, t(120)));

        apply(fire(JOB, t(60)));

        assertThat(job(JOB).lastFireId()).isEqualTo(fireId(JOB, t(120)));
        assertThat(job(JOB).nextFireAt()).isEqualTo(t(180));
        assertThat(runs(JOB)).hasSize(2);
    }

    @Test
    void fire_of_a_paused_job_records_its_id_but_no_schedule_estimate() {
        apply(events.createPaused(aJob(JOB).build()));

        apply(fire(JOB, t(60)));

        assertThat(runs(JOB)).hasSize(1);
        assertThat(job(JOB).lastFireId()).isEqualTo(fireId(JOB, t(60)));
        assertThat(job(JOB).nextFireAt()).isNull();
    }

    @Test
    void a_fire_redelivered_after_a_resume_leaves_the_resume_s_estimate() {
        createActive(JOB);
        Fire before = fire(JOB, t(60));
        apply(before, events.pause(JOB, t(61)));
        apply(events.resume(JOB, t(300)));
        JobRow resumed = job(JOB);

        apply(before);

        assertThat(job(JOB)).isEqualTo(resumed);
    }

    @Test
    void a_fire_and_a_pause_leave_the_same_row_in_either_order() {
        createActive(JOB);
        apply(fire(JOB, t(60)), events.pause(JOB, t(61)));
        JobRow fireFirst = job(JOB);
        emptyTablesQuietly();
        createActive(JOB);

        apply(events.pause(JOB, t(61)), fire(JOB, t(60)));

        assertThat(job(JOB)).isEqualTo(fireFirst);
    }

    // ---- commands ----

    @Test
    void create_inserts_the_row_and_publishes_it() {
        ControlCommand.Create create = events.create(aJob(JOB).every("30s").build());

        List<Publication> published = apply(create);

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(row.generation()).isEqualTo(1);
        assertThat(row.createdAt()).isEqualTo(create.requestedAt());
        assertThat(row.nextFireAt()).isEqualTo(create.requestedAt().plusSeconds(30));
        JobState state = published.get(0).state();
        assertThat(published).hasSize(1);
        assertThat(state.spec()).isEqualTo(create.spec());
        assertThat(state.spec().payload().get("n").asInt()).isEqualTo(1);
        assertThat(state.createdAt()).isEqualTo(create.requestedAt());
        CommandRow audit = command(create);
        assertThat(audit.result()).isEqualTo("applied");
        assertThat(audit.appliedAt()).isEqualTo(APPLIED_AT);
        assertThat(audit.requestedBy()).isEqualTo("alice");
        assertThat(audit.kind()).isEqualTo("Create");
    }

    @Test
    void create_paused_makes_a_paused_job() {
        List<Publication> published = apply(events.createPaused(aJob(JOB).build()));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(published.get(0).state().status()).isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void create_of_an_existing_job_is_rejected() {
        createActive(JOB);
        ControlCommand.Create again = events.create(aJob(JOB).every("5s").build());

        assertThat(apply(again)).isEmpty();

        assertThat(command(again).result()).isEqualTo("rejected");
        assertThat(command(again).resultReason()).isEqualTo("job job-1 already exists");
        assertThat(job(JOB).schedule()).isEqualTo("1m");
    }

    @Test
    void create_with_an_invalid_spec_is_rejected_with_the_reason() {
        ControlCommand.Create bad = events.create(aJob(JOB).cron("not a cron").build());

        apply(bad);

        assertThat(job(JOB)).isNull();
        assertThat(command(bad).result()).isEqualTo("rejected");
        assertThat(command(bad).resultReason()).startsWith("schedule:");
    }

    @Test
    void command_for_an_unknown_job_is_rejected() {
        ControlCommand.Pause pause = events.pause("ghost", t(1));

        assertThat(apply(pause)).isEmpty();

        assertThat(command(pause).result()).isEqualTo("rejected");
        assertThat(command(pause).resultReason()).isEqualTo("job ghost does not exist");
        assertThat(job("ghost")).isNull();
    }

    @Test
    void pause_and_resume_bump_the_generation_and_publish() {
        createActive(JOB);

        List<Publication> paused = apply(events.pause(JOB, t(10)));
        assertThat(paused).singleElement().satisfies(p -> {
            assertThat(p.state().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(p.state().generation()).isEqualTo(2);
            assertThat(p.state().updatedAt()).isEqualTo(t(10));
        });
        assertThat(job(JOB).nextFireAt()).isNull();

        List<Publication> resumed = apply(events.resume(JOB, t(100)));
        assertThat(resumed).singleElement().satisfies(p -> {
            assertThat(p.state().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(p.state().generation()).isEqualTo(3);
        });
        assertThat(job(JOB).nextFireAt()).isEqualTo(t(120));
    }

    @Test
    void pause_of_a_paused_job_is_an_applied_no_op() {
        createActive(JOB);
        apply(events.pause(JOB, t(1)));
        ControlCommand.Pause again = events.pause(JOB, t(2));

        assertThat(apply(again)).isEmpty();

        assertThat(command(again).result()).isEqualTo("applied");
        assertThat(command(again).resultReason()).isEqualTo("already paused");
        assertThat(job(JOB).generation()).isEqualTo(2);
    }

    @Test
    void resume_of_an_active_job_is_an_applied_no_op() {
        createActive(JOB);
        ControlCommand.Resume resume = events.resume(JOB, t(1));

        apply(resume);

        assertThat(command(resume).result()).isEqualTo("applied");
        assertThat(job(JOB).generation()).isEqualTo(1);
    }

    @Test
    void pause_on_a_failed_job_pauses_it() {
        apply(events.create(aJob(JOB).maxErrors(1).build()));
        apply(completed(JOB, t(60), RunOutcome.ERROR));
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.FAILED);

        apply(events.pause(JOB, t(61)));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void resume_of_a_failed_job_makes_it_active_with_errors_reset() {
        apply(events.create(aJob(JOB).maxErrors(1).build()));
        apply(completed(JOB, t(60), RunOutcome.ERROR));

        List<Publication> published = apply(events.resume(JOB, t(61)));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(job(JOB).consecutiveErrors()).isZero();
        assertThat(job(JOB).runCount()).isEqualTo(1);
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.ACTIVE));
    }

    @Test
    void resume_of_a_completed_job_is_rejected_with_a_reason() {
        apply(events.create(aJob(JOB).at(t(60)).build()));
        apply(completed(JOB, t(60), RunOutcome.OK));
        ControlCommand.Resume resume = events.resume(JOB, t(61));

        assertThat(apply(resume)).isEmpty();

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        CommandRow audit = command(resume);
        assertThat(audit.result()).isEqualTo("rejected");
        assertThat(audit.resultReason()).isEqualTo("cannot resume a completed job");
    }

    @Test
    void redelivered_command_is_not_applied_twice() {
        createActive(JOB);
        ControlCommand.Pause pause = events.pause(JOB, t(1));
        apply(pause);
        apply(events.resume(JOB, t(2)));

        List<Publication> published = apply(pause);

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(row.generation()).isEqualTo(3);
        List<CommandRow> audit = read(m -> m.commands().findByJob(JOB));
        assertThat(audit).hasSize(3);
        // the current state is published again in case the first delivery died before producing it
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.ACTIVE));
    }

    @Test
    void update_changes_the_definition_and_leaves_the_status() {
        createActive(JOB);
        apply(events.pause(JOB, t(1)));

        List<Publication> published = apply(events.update(aJob(JOB).every("5m").maxErrors(4).build(), t(2)));

        JobRow row = job(JOB);
        assertThat(row.schedule()).isEqualTo("5m");
        assertThat(row.maxErrors()).isEqualTo(4);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.generation()).isEqualTo(3);
        assertThat(published.get(0).state().spec().schedule()).isEqualTo("5m");
    }

    @Test
    void trigger_is_applied_for_an_active_job_only() {
        createActive(JOB);
        ControlCommand.Trigger ok = events.trigger(JOB, t(1));
        List<Publication> accepted = apply(ok);
        apply(events.pause(JOB, t(2)));
        ControlCommand.Trigger refused = events.trigger(JOB, t(3));

        List<Publication> none = apply(refused);

        assertThat(command(ok).result()).isEqualTo("applied");
        assertThat(command(refused).resultReason()).isEqualTo("cannot trigger a paused job");
        // the decision goes to the fire topology on job-state: the accepted trigger in the job's state, nothing else
        assertThat(accepted).singleElement().satisfies(p -> {
            assertThat(p.state().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(p.state().trigger()).isEqualTo(new JobState.Trigger(ok.commandId(), t(1)));
        });
        assertThat(none).isEmpty();
    }

    @Test
    void a_trigger_applied_before_is_published_again_when_redelivered() {
        createActive(JOB);
        ControlCommand.Trigger trigger = events.trigger(JOB, t(1));
        apply(trigger);

        // the first delivery committed and died before its job-state record was produced
        List<Publication> again = apply(trigger);

        assertThat(again).singleElement().satisfies(
                p -> assertThat(p.state().trigger()).isEqualTo(new JobState.Trigger(trigger.commandId(), t(1))));
        assertThat(command(trigger).result()).isEqualTo("applied");
    }

    @Test
    void states_published_for_other_commands_carry_no_trigger() {
        List<Publication> published = apply(events.create(aJob(JOB).build()), events.trigger(JOB, t(1)),
                events.pause(JOB, t(2)), events.resume(JOB, t(3)));

        assertThat(published).extracting(p -> p.state().trigger() != null).containsExactly(false, true, false, false);
    }

    @Test
    void cancel_is_applied_for_a_fire_of_the_job_only() {
        createActive(JOB);
        apply(fire(JOB, t(60)));
        ControlCommand.Cancel ok = events.cancel(JOB, fireId(JOB, t(60)), t(61));
        ControlCommand.Cancel foreign = events.cancel(JOB, fireId("other", t(60)), t(61));

        apply(ok, foreign);

        assertThat(command(ok).result()).isEqualTo("applied");
        assertThat(command(foreign).resultReason()).isEqualTo("fire other@" + t(60).toEpochMilli()
                + " does not belong to job job-1");
    }

    @Test
    void delete_publishes_a_tombstone_and_keeps_the_history() {
        createActive(JOB);
        apply(completed(JOB, t(60), RunOutcome.OK));

        List<Publication> published = apply(events.delete(JOB, t(61)));

        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.isTombstone()).isTrue();
            assertThat(p.jobId()).isEqualTo(JOB);
        });
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.DELETED);
        assertThat(runs(JOB)).hasSize(1);
    }

    @Test
    void create_after_delete_starts_fresh() {
        createActive(JOB);
        apply(completed(JOB, t(60), RunOutcome.OK));
        apply(events.delete(JOB, t(61)));
        apply(completed(JOB, t(120), RunOutcome.OK));
        ControlCommand.Create again = events.create(aJob(JOB).every("2m").build());

        List<Publication> published = apply(again);

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(row.generation()).isEqualTo(1);
        assertThat(row.runCount()).isZero();
        assertThat(row.schedule()).isEqualTo("2m");
        assertThat(published).hasSize(1);
    }

    @Test
    void a_deleted_incarnation_s_run_never_counts_for_the_job_created_again_with_its_id() {
        apply(events.create(aJob(JOB).at(t(60)).build()));
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        apply(events.delete(JOB, t(61)));

        List<Publication> published = apply(events.create(aJob(JOB).at(t(60)).maxErrors(1).build()));
        // the deleted incarnation's run, still going at the delete, ends now: its own history only
        apply(completed(JOB, t(60), RunOutcome.ERROR));

        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().incarnation()).isEqualTo(2));
        JobRow reborn = job(JOB);
        assertThat(reborn.incarnation()).isEqualTo(2);
        assertThat(reborn.jobStatus()).as("max 1 error: one counted error would fail it").isEqualTo(JobStatus.ACTIVE);
        assertThat(reborn.runCount()).isZero();
        assertThat(reborn.lastRunStatus()).isNull();
        assertThat(runs(JOB)).singleElement().satisfies(run -> {
            assertThat(run.fireId()).isEqualTo(fireId(JOB, t(60)));
            assertThat(run.outcome()).isEqualTo("error");
        });

        // the same instant fires again for the new incarnation, under its own id, and counts
        apply(fire(JOB, 2, t(60)), completed(JOB, 2, t(60), RunOutcome.OK));

        JobRow done = job(JOB);
        assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.runCount()).isEqualTo(1);
        assertThat(done.lastFireId()).isEqualTo(JOB + "~2@" + t(60).toEpochMilli());
        assertThat(runs(JOB)).extracting(RunRow::outcome).containsExactlyInAnyOrder("error", "ok");
    }

    @Test
    void a_deleted_incarnation_s_late_fire_leaves_the_new_job_s_schedule_alone() {
        apply(events.create(aJob(JOB).every("1m").build()));
        apply(events.delete(JOB, t(61)));
        apply(events.create(aJob(JOB).every("1m").build()));
        JobRow before = job(JOB);

        apply(fire(JOB, t(600)));

        JobRow after = job(JOB);
        assertThat(after.lastFireId()).isNull();
        assertThat(after.nextFireAt()).isEqualTo(before.nextFireAt());
        ControlCommand.Cancel cancel = events.cancel(JOB, fireId(JOB, t(600)), t(601));
        apply(cancel);
        assertThat(command(cancel).resultReason()).contains("incarnation 1", "deleted");
    }

    @Test
    void commands_on_a_deleted_job_are_rejected() {
        createActive(JOB);
        apply(events.delete(JOB, t(1)));
        ControlCommand.Delete again = events.delete(JOB, t(2));
        ControlCommand.Resume resume = events.resume(JOB, t(3));

        assertThat(apply(again, resume)).isEmpty();

        assertThat(command(again).resultReason()).isEqualTo("job job-1 does not exist");
        assertThat(command(resume).resultReason()).isEqualTo("job job-1 does not exist");
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.DELETED);
    }

    // ---- crash safety, texts, transactions ----

    @Test
    void redelivered_completion_of_a_failed_job_publishes_its_state_again() {
        apply(events.create(aJob(JOB).maxErrors(1).build()));
        RunEvent.Completed failed = completed(JOB, t(60), RunOutcome.ERROR);
        apply(failed);

        List<Publication> published = apply(failed);

        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.FAILED));
        assertThat(job(JOB).runCount()).isEqualTo(1);
    }

    @Test
    void long_texts_are_cut_to_their_columns() {
        createActive(JOB);
        RunEvent.Completed c = completed(JOB, t(60), RunOutcome.ERROR);
        RunEvent.Completed longError = new RunEvent.Completed(c.fireId(), c.jobId(), "w".repeat(300), 1, c.scheduledAt(),
                c.startedAt(), c.finishedAt(), c.outcome(), "e".repeat(5000), 500);
        ControlCommand.Pause pause = new ControlCommand.Pause("cmd-long", JOB, "u".repeat(500), t(61), "r".repeat(5000));

        apply(longError, pause);

        assertThat(job(JOB).lastError()).hasSize(1024);
        assertThat(runs(JOB).get(0).error()).hasSize(1024);
        assertThat(runs(JOB).get(0).workerId()).hasSize(128);
        assertThat(command(pause).reason()).hasSize(1024);
        assertThat(command(pause).requestedBy()).hasSize(128);
    }

    @Test
    void a_list_is_one_transaction() {
        Fire foreign = new Fire("other@1", JOB, t(60), t(60), 1, "noop", null, null, 1);

        assertThatThrownBy(() -> apply(events.create(aJob(JOB).build()), foreign))
                .isInstanceOf(UnappliableEventException.class)
                .hasMessageContaining("fireId 'other@1'");

        assertThat(job(JOB)).isNull();
    }

    @Test
    void command_id_too_long_for_the_audit_cannot_be_applied() {
        ControlCommand.Pause pause = new ControlCommand.Pause("c".repeat(65), JOB, "bob", t(1), null);

        assertThatThrownBy(() -> apply(pause)).isInstanceOf(UnappliableEventException.class);
    }

    // ---- what the SQL itself guarantees on this database ----

    @Test
    void guarded_updates_count_matched_rows_and_refuse_illegal_transitions() {
        createActive(JOB);
        try (SqlSession session = database.sessions().openSession(true)) {
            JobMapper jobs = session.getMapper(JobMapper.class);
            JobActivity same = new JobActivity(JOB, 0, false, 0, null, null, null, null, "job-1@60000", t(120));
            // same values twice: matched (not changed) rows are reported, on H2 and on MariaDB by default
            assertThat(jobs.recordActivity(same)).isEqualTo(1);
            assertThat(jobs.recordActivity(same)).isEqualTo(1);
            assertThat(jobs.pause(JOB, t(1))).isEqualTo(1);
            assertThat(jobs.pause(JOB, t(2))).isZero();
            assertThat(jobs.complete(JOB, t(3))).isZero();
            assertThat(jobs.failOnErrorLimit(JOB, t(3))).isZero();
            assertThat(jobs.resume(JOB, t(4), null)).isEqualTo(1);
            assertThat(jobs.resume(JOB, t(5), null)).isZero();
            assertThat(jobs.delete(JOB, t(6))).isEqualTo(1);
            assertThat(jobs.delete(JOB, t(7))).isZero();
            assertThat(jobs.pause(JOB, t(8))).isZero();
            assertThat(jobs.recordActivity(same)).as("a deleted job's row takes no telemetry").isZero();
        }
    }

    @Test
    void activity_counts_relative_to_the_row_and_never_touches_status() {
        createActive(JOB);
        apply(events.pause(JOB, t(1)));
        try (SqlSession session = database.sessions().openSession(true)) {
            JobMapper jobs = session.getMapper(JobMapper.class);
            jobs.recordActivity(new JobActivity(JOB, 3, false, 2, t(9), "error", "boom", 500, null, null));
            jobs.recordActivity(new JobActivity(JOB, 2, false, 1, t(10), "error", "boom", 500, null, null));
        }
        assertThat(job(JOB).runCount()).isEqualTo(5);
        assertThat(job(JOB).consecutiveErrors()).isEqualTo(3);
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(JobMapper.class).recordActivity(new JobActivity(JOB, 1, true, 0, t(11), "ok", null, 200, null, null));
        }
        assertThat(job(JOB).consecutiveErrors()).isZero();
        assertThat(job(JOB).lastRunStatus()).isEqualTo("ok");
    }

    @Test
    void a_finished_run_row_takes_no_second_completion() {
        try (SqlSession session = database.sessions().openSession(true)) {
            RunMapper runs = session.getMapper(RunMapper.class);
            assertThat(runs.insert(RunRow.first("a@1", "a", 1, t(1), null))).isEqualTo(1);
            RunRow done = new RunRow("a@1", "a", 1, t(1), null, t(2), t(3), "w", "ok", null, null);
            assertThat(runs.update(done)).isEqualTo(1);
            assertThat(runs.update(new RunRow("a@1", "a", 1, t(1), null, t(2), t(4), "w2", "error", "x", null))).isZero();
            assertThat(runs.markFired("a@1", t(1))).isEqualTo(1);
            assertThat(runs.markFired("a@1", t(5))).isZero();
            assertThat(runs.find("a@1").outcome()).isEqualTo("ok");
            assertThat(runs.find("a@1").firedAt()).isEqualTo(t(1));
        }
    }

    // ---- meters: counted once committed, never for a rolled-back apply ----

    private double pausesPreserved() {
        return meters.get(dev.firelane.coordinator.metrics.MeterNames.STATUS_PAUSES_PRESERVED).counter().count();
    }

    private double finished(String outcome) {
        return meters.get(dev.firelane.coordinator.metrics.MeterNames.STATUS_RUNS_COMPLETED).tag("outcome", outcome)
                .counter().count();
    }

    private double applied(String type) {
        return meters.get(dev.firelane.coordinator.metrics.MeterNames.STATUS_EVENTS_APPLIED).tag("type", type)
                .counter().count();
    }

    @Test
    void completion_of_a_run_in_flight_during_a_pause_counts_one_pause_preserved() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        apply(events.pause(JOB, t(61)));
        RunEvent.Completed done = completed(JOB, t(60), RunOutcome.OK);

        apply(done);
        apply(done);

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(pausesPreserved()).as("the redelivered completion is not counted again").isEqualTo(1);
    }

    @Test
    void a_run_is_counted_finished_once_by_its_outcome_however_often_its_completion_is_delivered() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        RunEvent.Completed done = completed(JOB, t(60), RunOutcome.TIMEOUT);

        apply(done);
        apply(done, done);

        assertThat(finished("timeout")).as("the outcome chart's figure").isEqualTo(1);
        assertThat(finished("ok")).isZero();
        assertThat(applied("Completed")).as("every delivery is still an applied event").isEqualTo(3);
    }

    @Test
    void completion_of_an_active_job_preserves_no_pause() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)), completed(JOB, t(60), RunOutcome.OK));

        assertThat(pausesPreserved()).isZero();
    }

    @Test
    void applied_events_are_counted_by_type_with_the_apply_timed() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        apply(events.pause(JOB, t(61)), completed(JOB, t(60), RunOutcome.OK));

        assertThat(applied("Create")).isEqualTo(1);
        assertThat(applied("Fire")).isEqualTo(1);
        assertThat(applied("Started")).isEqualTo(1);
        assertThat(applied("Pause")).isEqualTo(1);
        assertThat(applied("Completed")).isEqualTo(1);
        assertThat(applied("Resume")).isZero();
        assertThat(meters.get(dev.firelane.coordinator.metrics.MeterNames.STATUS_APPLY_LATENCY).timer().count())
                .as("one timing per apply (per transaction)").isEqualTo(3);
    }

    @Test
    void an_apply_that_rolls_back_counts_nothing() {
        createActive(JOB);
        apply(fire(JOB, t(60)), started(JOB, t(60)));
        ControlCommand.Pause pause = events.pause(JOB, t(61));
        RunEvent.Completed foreign = completed("other-job", t(60), RunOutcome.OK);
        RunEvent.Completed wrongKey = new RunEvent.Completed(foreign.fireId(), JOB, foreign.workerId(), 1,
                foreign.scheduledAt(), foreign.startedAt(), foreign.finishedAt(), RunOutcome.OK, null, null);

        assertThatThrownBy(() -> apply(pause, completed(JOB, t(60), RunOutcome.OK), wrongKey))
                .isInstanceOf(UnappliableEventException.class);

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(applied("Pause")).isZero();
        assertThat(applied("Completed")).isZero();
        assertThat(finished("ok")).isZero();
        assertThat(pausesPreserved()).isZero();
    }
}
