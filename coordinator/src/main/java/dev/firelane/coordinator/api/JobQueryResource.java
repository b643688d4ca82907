package dev.firelane.coordinator.api;

import dev.firelane.protocol.JobStatus;

/** The read endpoints: list, show, runs, audit. */
final class JobQueryResource {
    static final int DEFAULT_LIST_LIMIT = 1000;
    static final int MAX_LIST_LIMIT = 10_000;
    static final int DEFAULT_RUNS_LIMIT = 50;
    static final int MAX_RUNS_LIMIT = 1000;
    static final int DEFAULT_AUDIT_LIMIT = 500;
    static final int MAX_AUDIT_LIMIT = 10_000;

    private final JobQueries queries;

    JobQueryResource(JobQueries queries) {
        this.queries = queries;
    }

    void register(Router router) {
        router.add("GET", "/api/jobs", this::list)
                .add("GET", "/api/jobs/{id}", this::show)
                .add("GET", "/api/jobs/{id}/runs", this::runs)
                .add("GET", "/api/jobs/{id}/audit", this::audit);
    }

    private ApiResponse list(ApiRequest request) {
        String status = request.queryParam("status");
        if (status != null) {
            status = status.trim().toLowerCase(java.util.Locale.ROOT);
            checkStatus(status);
        }
        int limit = request.intQueryParam("limit", DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        return ApiResponse.ok(ApiJson.array(queries.jobs(status, limit), ApiJson::job));
    }

    private ApiResponse show(ApiRequest request) {
        return ApiResponse.ok(ApiJson.job(existingJob(queries, request.pathParam("id"))));
    }

    private ApiResponse runs(ApiRequest request) {
        String id = request.pathParam("id");
        int limit = request.intQueryParam("limit", DEFAULT_RUNS_LIMIT, MAX_RUNS_LIMIT);
        requireKnown(id);
        return ApiResponse.ok(ApiJson.array(queries.runs(id, limit), ApiJson::run));
    }

    private ApiResponse audit(ApiRequest request) {
        String id = request.pathParam("id");
        int limit = request.intQueryParam("limit", DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT);
        var commands = queries.commands(id, limit);
        if (commands.isEmpty()) {
            requireKnown(id);
        }
        return ApiResponse.ok(ApiJson.array(commands, ApiJson::command));
    }

    /** Runs and audit stay readable after a delete; an id the database never saw is a 404. */
    private void requireKnown(String id) {
        if (queries.job(id).isEmpty()) {
            throw ApiException.notFound("no job '" + id + "'");
        }
    }

    /** The job, unless it does not exist or was deleted (404 either way). */
    static JobRow existingJob(JobQueries queries, String id) {
        JobRow row = queries.job(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'"));
        if (row.isDeleted()) {
            throw ApiException.notFound("job '" + id + "' was deleted; its runs and audit are kept");
        }
        return row;
    }

    private static void checkStatus(String status) {
        for (JobStatus s : JobStatus.values()) {
            if (s.wire().equals(status)) {
                return;
            }
        }
        throw ApiException.invalid("status", "must be one of active, paused, failed, completed, deleted; got '"
                + status + "'");
    }
}
