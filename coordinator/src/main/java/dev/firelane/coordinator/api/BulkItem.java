package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpecValidator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job of a bulk request on its way through: read and validated, decided (create, update or unchanged),
 * published, and finally applied, rejected or still pending. Its JSON is the per-item result.
 */
final class BulkItem {
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String UNCHANGED = "unchanged";
    static final String INVALID = "invalid";
    static final String REJECTED = "rejected";
    static final String PENDING = "pending";

    private static final Logger log = LoggerFactory.getLogger(BulkItem.class);

    private final int index;
    private final String id;
    private final CreateJobRequest request;
    private ControlCommand command;
    private List<String> changes;
    private String result;
    private String error;
    private String field;
    private String message;

    private BulkItem(int index, String id, CreateJobRequest request) {
        this.index = index;
        this.id = id;
        this.request = request;
    }

    /** Reads and validates an item exactly as {@code POST /api/jobs} reads its body. */
    static BulkItem read(int index, BulkBody.RawItem raw, JobSpecValidator validator) {
        if (raw.json() == null) {
            return new BulkItem(index, null, null).invalid(null, raw.unreadable());
        }
        String id = raw.json().path("id").isTextual() ? raw.json().get("id").textValue() : null;
        try {
            return new BulkItem(index, id, CreateJobRequest.parse(raw.json(), validator));
        } catch (ApiException e) {
            return new BulkItem(index, id, null).invalid(e.field(), e.getMessage());
        } catch (RuntimeException e) {
            // one item that trips something unforeseen must not fail the others
            log.warn("bulk item {} ({}) cannot be read", index, id, e);
            return new BulkItem(index, id, null).invalid(null, "cannot be read: " + e);
        }
    }

    BulkItem invalid(String field, String message) {
        return fail(INVALID, "invalid", field, message);
    }

    /** To be published: {@code kind} of result it will have once applied, and the fields an update changes. */
    void publish(ControlCommand command, String result, List<String> changes) {
        this.command = command;
        this.result = result;
        this.changes = changes;
    }

    void unchanged() {
        this.result = UNCHANGED;
        this.changes = List.of();
    }

    /** Published, and not (yet) known to be applied: {@code ?wait=false}, or the wait ran out ({@code message}). */
    void pending(String message) {
        this.result = PENDING;
        this.error = message == null ? null : "timeout";
        this.message = message;
    }

    /** What the status stream recorded for this item's command. */
    void recorded(CommandRow row) {
        if (!row.isApplied()) {
            fail(REJECTED, "rejected", null, row.resultReason());
        }
    }

    private BulkItem fail(String result, String error, String field, String message) {
        this.result = result;
        this.error = error;
        this.field = field;
        this.message = message;
        return this;
    }

    boolean isValid() {
        return request != null && !INVALID.equals(result);
    }

    String id() {
        return id;
    }

    int index() {
        return index;
    }

    CreateJobRequest request() {
        return request;
    }

    ControlCommand command() {
        return command;
    }

    String result() {
        return result;
    }

    ObjectNode toJson() {
        ObjectNode n = ApiJson.MAPPER.createObjectNode();
        n.put("index", index);
        n.put("id", id);
        n.put("result", result);
        n.put("kind", command == null ? null : command.kind());
        n.put("commandId", command == null ? null : command.commandId());
        if (changes == null) {
            n.putNull("changes");
        } else {
            changes.forEach(n.putArray("changes")::add);
        }
        n.put("error", error);
        n.put("field", field);
        n.put("message", message);
        return n;
    }
}
