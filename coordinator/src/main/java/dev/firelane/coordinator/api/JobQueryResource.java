package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The read endpoints: list, show, runs, audit, and one command by id. Lists page with {@code limit} and
 * {@code offset}; a full page carries a {@code Link: <…>; rel="next"} header to the next one.
 */
final class JobQueryResource {
    static final int DEFAULT_LIST_LIMIT = 1000;
    static final int MAX_LIST_LIMIT = 10_000;
    static final int DEFAULT_RUNS_LIMIT = 50;
    static final int MAX_RUNS_LIMIT = 1000;
    static final int DEFAULT_AUDIT_LIMIT = 500;
    static final int MAX_AUDIT_LIMIT = 10_000;
    static final int MAX_OFFSET = 10_000_000;

    private final JobQueries queries;

    JobQueryResource(JobQueries queries) {
        this.queries = queries;
    }

    void register(Router router) {
        router.add("GET", "/api/jobs", Access.READ, this::list)
                .add("GET", "/api/jobs/{id}", Access.READ, this::show)
                .add("GET", "/api/jobs/{id}/runs", Access.READ, this::runs)
                .add("GET", "/api/jobs/{id}/audit", Access.READ, this::audit)
                .add("GET", "/api/commands/{commandId}", Access.READ, this::command);
    }

    private ApiResponse list(ApiRequest request) {
        String status = request.queryParam("status");
        if (status != null) {
            status = status.trim().toLowerCase(java.util.Locale.ROOT);
            checkStatus(status);
        }
        int limit = request.intQueryParam("limit", DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        int offset = request.offsetQueryParam(MAX_OFFSET);
        return page(request, queries.jobs(status, limit, offset), limit, offset, ApiJson::job);
    }

    private ApiResponse show(ApiRequest request) {
        return ApiResponse.ok(ApiJson.job(existingJob(queries, request.pathParam("id"))));
    }

    private ApiResponse runs(ApiRequest request) {
        String id = request.pathParam("id");
        int limit = request.intQueryParam("limit", DEFAULT_RUNS_LIMIT, MAX_RUNS_LIMIT);
        int offset = request.offsetQueryParam(MAX_OFFSET);
        requireKnown(id);
        return page(request, queries.runs(id, limit, offset), limit, offset, ApiJson::run);
    }

    private ApiResponse audit(ApiRequest request) {
        String id = request.pathParam("id");
        int limit = request.intQueryParam("limit", DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT);
        int offset = request.offsetQueryParam(MAX_OFFSET);
        var commands = queries.commands(id, limit, offset);
        if (commands.isEmpty() && offset == 0) {
            requireKnown(id);
        }
        return page(request, commands, limit, offset, ApiJson::command);
    }

    /** A command's audit row: where a {@code ?wait=false} caller learns whether its command was applied. */
    private ApiResponse command(ApiRequest request) {
        String commandId = request.pathParam("commandId");
        return queries.command(commandId).map(row -> ApiResponse.ok(ApiJson.command(row)))
                .orElseThrow(() -> ApiException.notFound("command '" + commandId
                        + "' is not recorded: not applied yet, or never sent"));
    }

    private static <T> ApiResponse page(ApiRequest request, List<T> rows, int limit, int offset,
                                        Function<T, ObjectNode> toJson) {
        ApiResponse response = ApiResponse.ok(ApiJson.array(rows, toJson));
        if (rows.size() < limit || (long) offset + limit > MAX_OFFSET) {
            return response;
        }
        Map<String, String> next = new TreeMap<>(request.query());
        next.put("limit", Integer.toString(limit));
        next.put("offset", Integer.toString(offset + limit));
        return response.withHeader("Link", "<" + request.path() + "?" + ApiRequest.formatQuery(next) + ">; rel=\"next\"");
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
