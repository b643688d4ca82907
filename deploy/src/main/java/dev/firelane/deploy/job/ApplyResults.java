package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What {@code job apply} did, job by job: the lines it prints, a summary and its exit code. */
final class ApplyResults {
    private final boolean waited;
    private final List<String> lines = new ArrayList<>();
    private int created;
    private int updated;
    private int deleted;
    private int failed;
    private int pending;

    /** @param waited whether the commands were waited for (no {@code --no-wait}) */
    ApplyResults(boolean waited) {
        this.waited = waited;
    }

    /** The results of the bulk request, each with its job of the file. */
    void add(List<ApplyPlan.Step> steps) {
        for (ApplyPlan.Step step : steps) {
            String id = step.entry().id();
            JsonNode result = step.result();
            switch (step.outcome()) {
                case "created" -> {
                    created++;
                    lines.add("created " + id);
                }
                case "updated" -> {
                    updated++;
                    lines.add("updated " + id + " (" + String.join(", ", ApplyPlan.changes(step.entry(), result)) + ")");
                }
                case "unchanged" -> lines.add("unchanged " + id + " (it already matched)");
                case "pending" -> {
                    pending++;
                    lines.add(waited ? "pending " + id + ": " + result.path("message").asText()
                            : "sent " + id + " as command " + result.path("commandId").asText() + " ("
                            + result.path("kind").asText() + ")");
                }
                default -> {
                    failed++;
                    lines.add(step.outcome() + " " + id + (step.outcome().equals("invalid")
                            ? " (line " + step.entry().line() + ")" : "") + ": " + ApplyPlan.error(step.entry(), result));
                }
            }
        }
    }

    /** Deletes one job the file does not name; a job already gone is fine. Returns the JSON of what happened. */
    ObjectNode delete(JobClient client, String id, String reason) {
        ObjectNode json = JobClient.MAPPER.createObjectNode().put("id", id);
        try {
            JsonNode answer = client.delete(id, reason);
            if (JobOutput.isAccepted(answer)) {
                pending++;
                lines.add("sent delete of " + id + " as command " + answer.path("commandId").asText());
                return json.put("result", "pending").put("commandId", answer.path("commandId").asText());
            }
            deleted++;
            lines.add("deleted " + id);
            return json.put("result", "deleted").put("commandId", answer.path("commandId").asText());
        } catch (ApiCallException e) {
            if (e.status() == 404) {
                lines.add("deleted " + id + " (it was already gone)");
                return json.put("result", "gone");
            }
            if (e.exitCode() == ApiCallException.EXIT_TIMEOUT) {
                pending++;
                lines.add("pending delete of " + id + ": " + e.getMessage());
                return json.put("result", "pending").put("message", e.getMessage());
            }
            failed++;
            lines.add("delete of " + id + " failed: " + e.getMessage());
            return json.put("result", "rejected").put("message", e.getMessage());
        } catch (ServerUnreachableException e) {
            failed++;
            lines.add("delete of " + id + " failed: " + e.getMessage());
            return json.put("result", "failed").put("message", e.getMessage());
        }
    }

    String render() {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append(System.lineSeparator()));
        if (waited) {
            out.append("Applied: ").append(created).append(" created, ").append(updated).append(" updated, ")
                    .append(deleted).append(" deleted; ").append(failed).append(" failed, ").append(pending)
                    .append(" not applied in time.");
        } else {
            out.append("Sent: ").append(pending).append(pending == 1 ? " command" : " commands")
                    .append(", not waiting for them to apply (follow with: firelane job audit ID); ").append(failed)
                    .append(" failed.");
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** 4 when a job was invalid or rejected, else 5 when one was not applied in time (waiting), else 0. */
    int exitCode() {
        if (failed > 0) {
            return ApiCallException.EXIT_REFUSED;
        }
        return waited && pending > 0 ? ApiCallException.EXIT_TIMEOUT : 0;
    }
}
