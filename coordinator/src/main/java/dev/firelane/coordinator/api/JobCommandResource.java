package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpecValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state-changing endpoints. Each publishes one command to the {@code control} topic and waits until
 * the status stream has recorded it in {@code job_commands}, so a 2xx means the change is in the database.
 * With {@code ?wait=false} it answers 202 with the command id as soon as the broker has the command; the
 * caller then follows {@code GET /api/commands/{commandId}} (the {@code Location}) or the job's audit.
 */
final class JobCommandResource {
    private static final Logger log = LoggerFactory.getLogger(JobCommandResource.class);

    /** Builds the command for an existing job from (command id, job id, requested by, at, reason). */
    @FunctionalInterface
    private interface CommandFactory {
        ControlCommand make(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason);
    }

    private final JobQueries queries;
    private final CommandPublisher publisher;
    private final CommandAwaiter awaiter;
    private final FiringControl firing;
    private final JobSpecValidator validator;
    private final Duration timeout;
    private final Clock clock;

    JobCommandResource(JobQueries queries, CommandPublisher publisher, CommandAwaiter awaiter, FiringControl firing,
                       ApiConfig config,
                       Clock clock) {
        this.queries = queries;
        this.publisher = publisher;
        this.awaiter = awaiter;
        this.firing = firing;
        this.validator = new JobSpecValidator(config.maxPayloadBytes(), config.knownHandlers());
        this.timeout = config.commandTimeout();
        this.clock = clock;
    }

    void register(Router router) {
        router.add("POST", "/api/jobs", Access.OPERATE, this::create)
                .add("PUT", "/api/jobs/{id}", Access.OPERATE, this::update)
                .add("POST", "/api/jobs/{id}/pause", Access.OPERATE, r -> onJob(r, ControlCommand.Pause::new))
                .add("POST", "/api/jobs/{id}/resume", Access.OPERATE, r -> onJob(r, ControlCommand.Resume::new))
                .add("POST", "/api/jobs/{id}/trigger", Access.OPERATE, r -> onJob(r, ControlCommand.Trigger::new))
                .add("DELETE", "/api/jobs/{id}", Access.OPERATE, r -> onJob(r, ControlCommand.Delete::new))
                .add("POST", "/api/jobs/{id}/runs/{fireId}/cancel", Access.OPERATE, this::cancel);
    }

    private ApiResponse create(ApiRequest request) {
        CreateJobRequest body = CreateJobRequest.parse(request.body(), validator);
        String id = body.spec().id();
        queries.job(id).filter(row -> !row.isDeleted()).ifPresent(row -> {
            throw ApiException.conflict("exists", "job '" + id + "' already exists (status " + row.status() + ")");
        });
        ControlCommand command = new ControlCommand.Create(newCommandId(), id, request.user(), clock.instant(),
                body.reason(), body.spec(), body.paused());
        return publishAndWait(request, command, 201);
    }

    private ApiResponse update(ApiRequest request) {
        String id = request.pathParam("id");
        JobQueryResource.existingJob(queries, id);
        UpdateJobRequest body = UpdateJobRequest.parse(request.body(), id, validator);
        ControlCommand command = new ControlCommand.Update(newCommandId(), id, request.user(), clock.instant(),
                body.reason(), body.spec());
        return publishAndWait(request, command, 200);
    }

    private ApiResponse onJob(ApiRequest request, CommandFactory factory) {
        String id = request.pathParam("id");
        String reason = Bodies.optionalReason(request);
        JobQueryResource.existingJob(queries, id);
        return publishAndWait(request, factory.make(newCommandId(), id, request.user(), clock.instant(), reason), 200);
    }

    private ApiResponse cancel(ApiRequest request) {
        String id = request.pathParam("id");
        String fireId = request.pathParam("fireId");
        String reason = Bodies.optionalReason(request);
        JobQueryResource.existingJob(queries, id);
        ControlCommand command = new ControlCommand.Cancel(newCommandId(), id, request.user(), clock.instant(),
                reason, fireId);
        return publishAndWait(request, command, 200);
    }

    private ApiResponse publishAndWait(ApiRequest request, ControlCommand command, int okStatus) {
        boolean wait = request.boolQueryParam("wait", true);
        long start = awaiter.now();
        publisher.publish(command);
        if (!wait) {
            return accepted(command);
        }
        CommandAwaiter.Outcome outcome = awaiter.await(command.commandId(), start, timeout);
        if (outcome.row().isEmpty()) {
            log.warn("{} {} command {} not applied within {}", command.jobId(), command.kind(), command.commandId(),
                    timeout);
            throw new ApiException(504, "timeout", null, "command " + command.commandId() + " was published but not"
                    + " applied within " + seconds(timeout) + "; it may still apply — check the job's audit");
        }
        CommandRow row = outcome.row().get();
        if (!row.isApplied()) {
            log.info("{} {} command {} rejected: {}", command.jobId(), command.kind(), command.commandId(),
                    row.resultReason());
            ObjectNode body = ApiJson.error("rejected", null, row.resultReason());
            body.put("commandId", command.commandId());
            return new ApiResponse(409, body);
        }
        boolean stopped = !stopsFiring(command) || awaiter.awaitStopped(firing, command, start, timeout);
        ObjectNode body = queries.job(command.jobId()).map(ApiJson::job).orElseGet(() -> idOnly(command.jobId()));
        body.put("commandId", command.commandId());
        body.put("appliedInMs", outcome.elapsedMillis());
        if (stopsFiring(command)) {
            body.put("firingStopped", stopped);
        }
        body.set("command", ApiJson.command(row));
        return new ApiResponse(okStatus, body);
    }

    private static boolean stopsFiring(ControlCommand command) {
        return command instanceof ControlCommand.Pause || command instanceof ControlCommand.Delete;
    }

    private static ApiResponse accepted(ControlCommand command) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("commandId", command.commandId());
        body.put("jobId", command.jobId());
        body.put("kind", command.kind());
        body.put("requestedBy", command.requestedBy());
        body.put("requestedAt", command.requestedAt().toString());
        String location = "/api/commands/" + command.commandId();
        body.put("location", location);
        return new ApiResponse(202, body, Map.of("Location", location));
    }

    private static ObjectNode idOnly(String jobId) {
        ObjectNode n = ApiJson.MAPPER.createObjectNode();
        n.put("id", jobId);
        return n;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String newCommandId() {
        return UUID.randomUUID().toString();
    }
}
