package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpecValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/jobs/bulk}: creates or updates many jobs in one request (docs/bulk.md). Each item has the shape
 * of a {@code POST /api/jobs} body and is read and validated the same way; it becomes a {@code Create} when its
 * id is new or deleted, an {@code Update} when the job exists and differs, and nothing when it equals the stored
 * definition. Invalid items are reported and never stop the others. The cost does not grow with a database or
 * broker round trip per item: one lookup per {@link JobQueries#IN_CHUNK} ids, one batch publish, and one poll
 * per chunk of still-unapplied commands per interval while waiting.
 */
final class BulkJobsResource {
    private static final Logger log = LoggerFactory.getLogger(BulkJobsResource.class);

    private final JobQueries queries;
    private final CommandPublisher publisher;
    private final CommandAwaiter awaiter;
    private final JobSpecValidator validator;
    private final Duration timeout;
    private final int maxItems;
    private final int maxBodyBytes;
    private final Clock clock;

    BulkJobsResource(JobQueries queries, CommandPublisher publisher, CommandAwaiter awaiter, ApiConfig config,
                     Clock clock) {
        this.queries = queries;
        this.publisher = publisher;
        this.awaiter = awaiter;
        this.validator = new JobSpecValidator(config.maxPayloadBytes(), config.knownHandlers());
        this.timeout = config.commandTimeout();
        this.maxItems = config.maxBulkItems();
        this.maxBodyBytes = config.maxBulkBodyBytes();
        this.clock = clock;
    }

    void register(Router router) {
        router.add("POST", "/api/jobs/bulk", Access.OPERATE, maxBodyBytes, this::bulk);
    }

    private ApiResponse bulk(ApiRequest request) {
        boolean wait = request.boolQueryParam("wait", true);
        boolean dryRun = request.boolQueryParam("dryRun", false);
        List<BulkItem> items = read(request);
        List<ControlCommand> commands = decide(items, request.user(), clock.instant());
        if (dryRun || commands.isEmpty()) {
            return respond(items, dryRun, wait, null);
        }
        long start = awaiter.now();
        publisher.publishAll(commands);
        if (!wait) {
            items.stream().filter(item -> item.command() != null).forEach(item -> item.pending(null));
            return respond(items, false, false, null);
        }
        CommandAwaiter.BulkOutcome outcome = awaiter.awaitAll(
                commands.stream().map(ControlCommand::commandId).toList(), start, timeout);
        for (BulkItem item : items) {
            if (item.command() != null) {
                CommandRow row = outcome.rows().get(item.command().commandId());
                if (row != null) {
                    item.recorded(row);
                } else {
                    item.pending("published as command " + item.command().commandId() + " but not applied within "
                            + seconds(timeout) + "; it may still apply — check GET /api/commands/"
                            + item.command().commandId());
                }
            }
        }
        return respond(items, false, true, outcome.elapsedMillis());
    }

    private List<BulkItem> read(ApiRequest request) {
        List<BulkBody.RawItem> raw = BulkBody.items(request, maxItems);
        List<BulkItem> items = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            items.add(BulkItem.read(i, raw.get(i), validator));
        }
        refuseDuplicates(items);
        return items;
    }

    /** A job given twice is ambiguous: every occurrence is refused, whichever was meant. */
    private static void refuseDuplicates(List<BulkItem> items) {
        Map<String, List<BulkItem>> byId = items.stream().filter(item -> item.id() != null)
                .collect(Collectors.groupingBy(BulkItem::id, LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                String where = same.stream().map(item -> Integer.toString(item.index()))
                        .collect(Collectors.joining(", "));
                same.stream().filter(BulkItem::isValid).forEach(item -> item.invalid("id", "job '" + id
                        + "' appears more than once in this request (items " + where + "); give each job once"));
            }
        });
    }

    /** Looks the valid items' jobs up at once and decides each; returns the commands to publish, in item order. */
    private List<ControlCommand> decide(List<BulkItem> items, String user, Instant now) {
        List<String> ids = items.stream().filter(BulkItem::isValid).map(BulkItem::id).toList();
        Map<String, JobRow> stored = queries.jobsById(ids);
        List<ControlCommand> commands = new ArrayList<>();
        for (BulkItem item : items) {
            if (!item.isValid()) {
                continue;
            }
            CreateJobRequest job = item.request();
            JobRow row = stored.get(item.id());
            if (row == null || row.isDeleted()) {
                item.publish(new ControlCommand.Create(newCommandId(), item.id(), user, now, job.reason(), job.spec(),
                        job.paused()), BulkItem.CREATED, null);
            } else {
                List<String> changes = SpecChanges.between(job.spec(), row);
                if (changes.isEmpty()) {
                    item.unchanged();
                    continue;
                }
                item.publish(new ControlCommand.Update(newCommandId(), item.id(), user, now, job.reason(), job.spec()),
                        BulkItem.UPDATED, changes);
            }
            commands.add(item.command());
        }
        return commands;
    }

    /**
     * 207 when any item is invalid or rejected, or (waiting) still pending; else 202 when commands went out
     * without waiting; else 200.
     */
    private static ApiResponse respond(List<BulkItem> items, boolean dryRun, boolean waited, Long elapsedMillis) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String result : List.of(BulkItem.CREATED, BulkItem.UPDATED, BulkItem.UNCHANGED, BulkItem.INVALID,
                BulkItem.REJECTED, BulkItem.PENDING)) {
            counts.put(result, 0);
        }
        items.forEach(item -> counts.merge(item.result(), 1, Integer::sum));
        int failed = counts.get(BulkItem.INVALID) + counts.get(BulkItem.REJECTED);
        int pending = counts.get(BulkItem.PENDING);

        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("dryRun", dryRun);
        body.put("total", items.size());
        counts.forEach(body::put);
        body.put("failed", failed);
        body.put("appliedInMs", elapsedMillis);
        ArrayNode out = body.putArray("items");
        items.forEach(item -> out.add(item.toJson()));
        int status = failed > 0 || (waited && pending > 0) ? 207 : pending > 0 ? 202 : 200;
        log.info("bulk of {} jobs{}: {} -> {}", items.size(), dryRun ? " (dry run)" : "", counts, status);
        return new ApiResponse(status, body);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String newCommandId() {
        return UUID.randomUUID().toString();
    }
}
