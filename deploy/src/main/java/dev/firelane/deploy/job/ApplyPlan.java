package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code firelane job apply} is going to do: the server's dry run of every job of the file (so the server's
 * own validation and comparison decide what is created, updated, unchanged or invalid) and, with
 * {@code --prune}, the jobs on the server the file does not name.
 */
final class ApplyPlan {
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String UNCHANGED = "unchanged";
    static final String INVALID = "invalid";
    /** The warning of {@code --prune} names this many of the jobs it deletes (each has its own line above it). */
    static final int NAMED_IN_WARNING = 10;

    /** A job of the file with the server's verdict on it (an item of the bulk answer). */
    record Step(JobsFile.Entry entry, JsonNode result) {
        String outcome() {
            return result.path("result").asText();
        }
    }

    private final List<Step> steps;
    private final List<String> deletes;

    /**
     * @param entries the file's jobs
     * @param dryRun  the answer of the dry run of {@code entries}, items in the same order (null when there are
     *                no entries)
     * @param deletes ids to delete ({@code --prune}), empty without it
     */
    ApplyPlan(List<JobsFile.Entry> entries, JsonNode dryRun, List<String> deletes) {
        this.steps = steps(entries, dryRun);
        this.deletes = List.copyOf(deletes);
    }

    /** Pairs each result with its job; a result matched to the wrong job would make the plan lie. */
    static List<Step> steps(List<JobsFile.Entry> entries, JsonNode answer) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode result = answer.path("items").path(i);
            if (result.path("index").asInt(-1) != i) {
                throw new ApiCallException(200, "the server's answer has no result for job " + entries.get(i).id()
                        + "; is it a Firelane with POST /api/jobs/bulk?", answer);
            }
            steps.add(new Step(entries.get(i), result));
        }
        return steps;
    }

    /** The jobs to send: those to create or update. */
    List<JobsFile.Entry> changes() {
        return steps.stream().filter(s -> s.outcome().equals(CREATED) || s.outcome().equals(UPDATED))
                .map(Step::entry).toList();
    }

    List<String> deletes() {
        return deletes;
    }

    long count(String outcome) {
        return steps.stream().filter(s -> s.outcome().equals(outcome)).count();
    }

    List<Step> steps() {
        return steps;
    }

    /** The plan for people: a line per job, a summary, and a warning naming every job {@code --prune} deletes. */
    String render(String file) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            String id = step.entry().id();
            String line = switch (step.outcome()) {
                case CREATED -> "+ create " + id;
                case UPDATED -> "~ update " + id + " (" + String.join(", ", changes(step.entry(), step.result())) + ")";
                case UNCHANGED -> "= unchanged " + id;
                case INVALID -> "! invalid " + id + " (line " + step.entry().line() + "): "
                        + error(step.entry(), step.result());
                default -> "? " + step.outcome() + " " + id;
            };
            out.append(line).append(System.lineSeparator());
        }
        deletes.forEach(id -> out.append("- delete ").append(id).append(System.lineSeparator()));
        out.append("Plan: ").append(count(CREATED)).append(" to create, ").append(count(UPDATED)).append(" to update, ")
                .append(count(UNCHANGED)).append(" unchanged, ").append(deletes.size()).append(" to delete, ")
                .append(count(INVALID)).append(" invalid.").append(System.lineSeparator());
        if (!deletes.isEmpty()) {
            out.append("WARNING: --prune will DELETE ").append(deletes.size()).append(deletes.size() == 1 ? " job" : " jobs")
                    .append(" that ").append(deletes.size() == 1 ? "is" : "are").append(" not in ").append(file)
                    .append(": ").append(String.join(", ", deletes.subList(0, Math.min(NAMED_IN_WARNING, deletes.size()))))
                    .append(deletes.size() > NAMED_IN_WARNING ? " and " + (deletes.size() - NAMED_IN_WARNING) + " more" : "")
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The fields an update changes, named as in the file (the schedule as cron, every or at). */
    static List<String> changes(JobsFile.Entry entry, JsonNode result) {
        Set<String> names = new LinkedHashSet<>();
        result.path("changes").forEach(field -> names.add(fileField(entry, field.asText())));
        return List.copyOf(names);
    }

    /** The server's error of an item, naming the field as the file does. */
    static String error(JobsFile.Entry entry, JsonNode result) {
        String message = result.path("message").asText("");
        if (!result.hasNonNull("field")) {
            return message;
        }
        return fileField(entry, result.get("field").asText()) + ": " + message;
    }

    private static String fileField(JobsFile.Entry entry, String apiField) {
        return apiField.equals("schedule") || apiField.equals("scheduleKind") ? entry.scheduleField() : apiField;
    }
}
