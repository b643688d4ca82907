package dev.firelane.worker.testing;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;

/** Test data: {@code aJobState().job("report").paused().generation(2).build()}, as the status stream publishes it. */
public final class JobStateBuilder {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private String jobId = "job-1";
    private String handler = "noop";
    private JobStatus status = JobStatus.ACTIVE;
    private long generation = 1;

    private JobStateBuilder() {
    }

    public static JobStateBuilder aJobState() {
        return new JobStateBuilder();
    }

    public JobStateBuilder job(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public JobStateBuilder handler(String handler) {
        this.handler = handler;
        return this;
    }

    public JobStateBuilder status(JobStatus status) {
        this.status = status;
        return this;
    }

    public JobStateBuilder paused() {
        return status(JobStatus.PAUSED);
    }

    public JobStateBuilder active() {
        return status(JobStatus.ACTIVE);
    }

    public JobStateBuilder generation(long generation) {
        this.generation = generation;
        return this;
    }

    public JobState build() {
        return new JobState(JobSpec.of(jobId, ScheduleKind.EVERY, "1h", handler, null), status, generation, T0, T0);
    }
}
