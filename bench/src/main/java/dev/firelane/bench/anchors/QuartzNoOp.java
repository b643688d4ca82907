package dev.firelane.bench.anchors;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The no-op job Quartz runs; its job name is the job index, so there is no job data to store or read. */
public final class QuartzNoOp implements Job {
    private final Executions executions;

    QuartzNoOp(Executions executions) {
        this.executions = executions;
    }

    @Override
    public void execute(JobExecutionContext context) {
        executions.record(Integer.parseInt(context.getJobDetail().getKey().getName()));
    }
}
