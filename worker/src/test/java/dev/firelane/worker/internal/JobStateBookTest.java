package dev.firelane.worker.internal;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import org.junit.jupiter.api.Test;

class JobStateBookTest {
    private final JobStateBook book = new JobStateBook();
    private final Fire underGeneration3 = aFire().job("j").generation(3).build();

    @Test
    void a_fire_emitted_before_its_job_was_paused_is_skipped() {
        book.applied("j", JobStatus.PAUSED, 4);

        assertThat(book.pausedSince(underGeneration3)).hasValue(4);
    }

    @Test
    void a_fire_emitted_under_the_pause_generation_or_a_later_one_runs() {
        book.applied("j", JobStatus.PAUSED, 3);
        assertThat(book.pausedSince(underGeneration3)).isEmpty();

        book.applied("j", JobStatus.PAUSED, 2);
        assertThat(book.pausedSince(underGeneration3)).isEmpty();
    }

    @Test
    void a_fire_of_an_active_failed_or_completed_job_runs_whatever_the_generation() {
        for (JobStatus status : new JobStatus[] {JobStatus.ACTIVE, JobStatus.FAILED, JobStatus.COMPLETED}) {
            book.applied("j", status, 9);
            assertThat(book.pausedSince(underGeneration3)).as(status.wire()).isEmpty();
        }
    }

    @Test
    void a_fire_of_a_job_unknown_here_runs() {
        book.applied("other", JobStatus.PAUSED, 9);

        assertThat(book.pausedSince(underGeneration3)).isEmpty();
    }

    @Test
    void a_fire_of_a_job_paused_then_deleted_runs() {
        book.applied("j", JobStatus.PAUSED, 9);
        book.forget("j");

        assertThat(book.pausedSince(underGeneration3)).isEmpty();
        assertThat(book.known("j")).isEmpty();
    }

    @Test
    void a_deleted_incarnation_s_late_state_after_its_tombstone_does_not_bring_the_job_back() {
        book.applied("j", JobStatus.ACTIVE, 3, 1);
        book.deleted("j");

        book.applied("j", JobStatus.PAUSED, 4, 1); // a republication or a zombie writer, after the tombstone

        assertThat(book.known("j")).isEmpty();
        assertThat(book.pausedSince(underGeneration3)).isEmpty();
    }

    @Test
    void a_new_incarnation_after_a_tombstone_is_known() {
        book.applied("j", JobStatus.ACTIVE, 3, 1);
        book.deleted("j");

        book.applied("j", JobStatus.PAUSED, 2, 2);

        assertThat(book.known("j")).hasValue(new JobStateBook.Known(JobStatus.PAUSED, 2, 2));
    }

    @Test
    void only_the_most_recent_deletions_are_remembered() {
        JobStateBook small = new JobStateBook(2);
        small.applied("a", JobStatus.ACTIVE, 1, 1);
        small.deleted("a");
        small.applied("a", JobStatus.ACTIVE, 1, 2);
        small.deleted("a");
        small.applied("b", JobStatus.ACTIVE, 1, 1);
        small.deleted("b"); // over the limit: the first deletion of "a" goes, not its second one's marker

        small.applied("a", JobStatus.PAUSED, 9, 2);
        assertThat(small.known("a")).as("the second deletion of a, still remembered").isEmpty();

        small.applied("c", JobStatus.ACTIVE, 1, 1);
        small.deleted("c");
        small.applied("a", JobStatus.PAUSED, 9, 2);
        assertThat(small.known("a")).as("the oldest deletion beyond the limit, forgotten").isPresent();
    }

    @Test
    void the_latest_state_wins_so_a_resume_lets_older_fires_run_again() {
        book.applied("j", JobStatus.PAUSED, 4);
        book.applied("j", JobStatus.ACTIVE, 5);

        assertThat(book.pausedSince(underGeneration3)).isEmpty();
        assertThat(book.known("j")).hasValue(new JobStateBook.Known(JobStatus.ACTIVE, 5));
    }

    @Test
    void a_stale_state_never_overwrites_a_newer_one() {
        book.applied("j", JobStatus.PAUSED, 4);
        book.applied("j", JobStatus.ACTIVE, 3);

        assertThat(book.known("j")).hasValue(new JobStateBook.Known(JobStatus.PAUSED, 4));
        assertThat(book.pausedSince(underGeneration3)).hasValue(4);
    }

    @Test
    void a_pause_of_another_incarnation_never_skips_a_fire() {
        book.applied("j", JobStatus.PAUSED, 9, 1);
        Fire ofTheReCreatedJob = aFire().job("j").generation(1).incarnation(2).build();
        assertThat(book.pausedSince(ofTheReCreatedJob)).isEmpty();

        book.applied("j", JobStatus.PAUSED, 2, 2);
        assertThat(book.pausedSince(ofTheReCreatedJob)).hasValue(2);
        assertThat(book.pausedSince(underGeneration3)).as("a fire of the deleted incarnation").isEmpty();

        book.applied("j", JobStatus.ACTIVE, 10, 1);
        assertThat(book.known("j")).as("the deleted incarnation's late state").hasValue(
                new JobStateBook.Known(JobStatus.PAUSED, 2, 2));
    }
}
