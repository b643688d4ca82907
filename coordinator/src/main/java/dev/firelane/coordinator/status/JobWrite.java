package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.List;

/**
 * One statement on {@code jobs}, decided in memory and issued later through the batch executor. Each
 * statement that changes {@code status} is one of the guarded transitions of {@link JobMapper}; telemetry
 * ({@link Activity}) never touches {@code status}. Every write matches exactly one row when the batch's
 * reading of the row is right; the writer checks that.
 */
sealed interface JobWrite {
    /** Issues the statement; the batch executor queues it. */
    void issue(JobMapper jobs);

    /** Statements of one kind are issued next to each other, so that they go to the database as one batch. */
    default int kind() {
        return KINDS.indexOf(getClass());
    }

    List<Class<?>> KINDS = List.of(DeleteTombstone.class, Insert.class, UpdateSpec.class,
            Activity.class, Pause.class, Resume.class, Delete.class, Complete.class, Fail.class);

    record Insert(JobRow row) implements Grouped {
        public String id() {
            return row.id();
        }

        public void issue(JobMapper jobs) {
            jobs.insert(row);
        }

        public void issueAll(JobMapper jobs, List<? extends Grouped> same) {
            jobs.insertAll(same.stream().map(w -> ((Insert) w).row()).toList());
        }
    }

    record DeleteTombstone(String id) implements JobWrite {
        public void issue(JobMapper jobs) {
            jobs.deleteTombstone(id);
        }
    }

    record UpdateSpec(JobRow row) implements JobWrite {
        public void issue(JobMapper jobs) {
            jobs.updateSpec(row);
        }
    }

    /**
     * A write that, on MySQL and MariaDB, goes in one statement with the writes of the same kind of other jobs
     * ({@link #issueAll}), each row keeping its own guard.
     */
    sealed interface Grouped extends JobWrite permits Insert, Activity, Transition {
        String id();

        /** Issues {@code same} (writes of this one's kind, of distinct jobs) as one statement; rows matched. */
        void issueAll(JobMapper jobs, List<? extends Grouped> same);
    }

    record Activity(JobActivity activity) implements Grouped {
        public String id() {
            return activity.id();
        }

        public void issue(JobMapper jobs) {
            jobs.recordActivity(activity);
        }

        public void issueAll(JobMapper jobs, List<? extends Grouped> same) {
            jobs.recordActivities(same.stream().map(w -> ((Activity) w).activity()).toList());
        }
    }

    /** A guarded status change whose only parameters are the job and the instant. */
    sealed interface Transition extends Grouped {
        Instant at();

        /** The same change for every one of {@code all}; rows matched. */
        void issueTransitions(JobMapper jobs, List<JobTransition> all);

        default void issueAll(JobMapper jobs, List<? extends Grouped> same) {
            issueTransitions(jobs, same.stream().map(w -> (Transition) w)
                    .map(t -> new JobTransition(t.id(), t.at())).toList());
        }
    }

    record Pause(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.pause(id, at);
        }

        public void issueTransitions(JobMapper jobs, List<JobTransition> all) {
            jobs.pauseAll(all);
        }
    }

    record Resume(String id, Instant at, Instant next) implements JobWrite {
        public void issue(JobMapper jobs) {
            jobs.resume(id, at, next);
        }
    }

    record Delete(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.delete(id, at);
        }

        public void issueTransitions(JobMapper jobs, List<JobTransition> all) {
            jobs.deleteAll(all);
        }
    }

    record Complete(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.complete(id, at);
        }

        public void issueTransitions(JobMapper jobs, List<JobTransition> all) {
            jobs.completeAll(all);
        }
    }

    record Fail(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.failOnErrorLimit(id, at);
        }

        public void issueTransitions(JobMapper jobs, List<JobTransition> all) {
            jobs.failAllOnErrorLimit(all);
        }
    }
}
