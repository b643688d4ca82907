package dev.firelane.coordinator.status;

import java.time.Instant;

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

    java.util.List<Class<?>> KINDS = java.util.List.of(DeleteTombstone.class, Insert.class, UpdateSpec.class,
            Activity.class, Pause.class, Resume.class, Delete.class, Complete.class, Fail.class);

    record Insert(JobRow row) implements JobWrite {
        public void issue(JobMapper jobs) {
            jobs.insert(row);
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

    record Activity(JobActivity activity) implements JobWrite {
        public void issue(JobMapper jobs) {
            jobs.recordActivity(activity);
        }
    }

    /**
     * A guarded status change whose only parameters are the job and the instant: on MySQL and MariaDB the same
     * change of many jobs goes in one statement ({@link #issueAll}), with the same guard per row.
     */
    sealed interface Transition extends JobWrite {
        String id();

        Instant at();

        /** The same change for every one of {@code all} (this one's kind); rows matched. */
        void issueAll(JobMapper jobs, java.util.List<JobTransition> all);

        default JobTransition transition() {
            return new JobTransition(id(), at());
        }
    }

    record Pause(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.pause(id, at);
        }

        public void issueAll(JobMapper jobs, java.util.List<JobTransition> all) {
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

        public void issueAll(JobMapper jobs, java.util.List<JobTransition> all) {
            jobs.deleteAll(all);
        }
    }

    record Complete(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.complete(id, at);
        }

        public void issueAll(JobMapper jobs, java.util.List<JobTransition> all) {
            jobs.completeAll(all);
        }
    }

    record Fail(String id, Instant at) implements Transition {
        public void issue(JobMapper jobs) {
            jobs.failOnErrorLimit(id, at);
        }

        public void issueAll(JobMapper jobs, java.util.List<JobTransition> all) {
            jobs.failAllOnErrorLimit(all);
        }
    }
}
