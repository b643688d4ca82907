package dev.firelane.bench.anchors;

/**
 * The no-op job JobRunr runs: JobRunr stores it as class, method and argument, and on execution asks its
 * {@code JobActivator} for an instance (public, as JobRunr invokes it by reflection).
 */
public final class JobRunrNoOp {
    private final Executions executions;

    JobRunrNoOp(Executions executions) {
        this.executions = executions;
    }

    public void run(int index) {
        executions.record(index);
    }
}
