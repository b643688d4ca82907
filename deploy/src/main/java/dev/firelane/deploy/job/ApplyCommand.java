package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code firelane job apply -f jobs.yaml [--prune] [--dry-run]}: makes the server's jobs what the file says
 * (docs/bulk.md). It asks the server for a dry run of the whole file, prints the plan, then sends the jobs to
 * create or update in one bulk request and, with {@code --prune}, deletes the jobs the file does not name.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Creates and updates the jobs of a YAML file, printing the plan first (see docs/bulk.md).",
                "Exit codes: 0 all applied, 1 other errors, 2 the file is wrong (nothing applied),",
                "4 some jobs invalid or rejected (the others applied), 5 some not applied in time."})
final class ApplyCommand implements Callable<Integer> {
    static final int EXIT_USAGE = 2;
    /** The server's default limit of jobs per bulk request ({@code api.bulk.max.items}). */
    static final int DEFAULT_BATCH_SIZE = 10_000;

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "YAML list of jobs")
    Path file;

    @Option(names = "--prune", description = "also delete the jobs on the server that the file does not name")
    boolean prune;

    @Option(names = "--dry-run", description = "print the plan only; change nothing")
    boolean dryRun;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded in the audit of every change")
    String reason;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + DEFAULT_BATCH_SIZE,
            description = "most jobs per bulk request; a larger file is sent in several (default: ${DEFAULT-VALUE},"
                    + " the server's default api.bulk.max.items)")
    int batchSize;

    @Mixin
    WaitOption waiting;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return apply(out, err);
        } catch (JobsFile.JobsFileException e) {
            err.println("error: " + file + ": " + e.getMessage() + "; nothing was applied");
            return EXIT_USAGE;
        } catch (ApiCallException e) {
            if (options.json && e.body() != null) {
                out.println(JobOutput.pretty(e.body()));
            }
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (ServerUnreachableException e) {
            err.println("error: " + e.getMessage());
            return ApiCallException.EXIT_OTHER;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int apply(PrintWriter out, PrintWriter err) {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1; got " + batchSize);
        }
        List<JobsFile.Entry> entries = JobsFile.read(file);
        if (prune && entries.isEmpty()) {
            throw new JobsFile.JobsFileException("it lists no jobs, and --prune would delete every job on the"
                    + " server; delete them one by one if that is what you want");
        }
        JobClient client = options.client().waitUntilApplied(!waiting.noWait);
        JsonNode planned = entries.isEmpty() ? null : bulk(client, entries, true);
        ApplyPlan plan = new ApplyPlan(entries, planned, prune ? absent(client.listAll(), entries) : List.of());
        ObjectNode json = JobClient.MAPPER.createObjectNode();
        json.set("plan", planned);
        json.set("delete", JobClient.MAPPER.valueToTree(plan.deletes()));
        if (!options.json) {
            out.print(plan.render(file.getFileName().toString()));
        }
        int exit = plan.count(ApplyPlan.INVALID) > 0 ? ApiCallException.EXIT_REFUSED : 0;
        if (dryRun || (plan.changes().isEmpty() && plan.deletes().isEmpty())) {
            if (!options.json) {
                out.println(dryRun ? "Dry run: nothing was changed." : "Nothing to change.");
            }
            return finish(out, err, json, exit, plan);
        }
        ApplyResults results = new ApplyResults(!waiting.noWait);
        if (!plan.changes().isEmpty()) {
            JsonNode applied = bulk(client, plan.changes(), false);
            json.set("applied", applied);
            results.add(ApplyPlan.steps(plan.changes(), applied));
        }
        ArrayNode deleted = json.putArray("deleted");
        plan.deletes().forEach(id -> deleted.add(results.delete(client, id, reason)));
        if (!options.json) {
            out.print(results.render());
        }
        return finish(out, err, json, Math.max(exit, results.exitCode()), plan);
    }

    private int finish(PrintWriter out, PrintWriter err, ObjectNode json, int exit, ApplyPlan plan) {
        if (options.json) {
            out.println(JobOutput.pretty(json));
        }
        long invalid = plan.count(ApplyPlan.INVALID);
        if (invalid > 0) {
            err.println("error: " + invalid + (invalid == 1 ? " job" : " jobs") + " of " + file + " invalid (see the"
                    + " plan)" + (dryRun ? "" : "; the others were applied"));
        }
        return exit;
    }

    /**
     * One bulk request per {@code --batch-size} jobs; the answers are joined into one, its items numbered
     * across all of them and its counts summed.
     */
    private JsonNode bulk(JobClient client, List<JobsFile.Entry> entries, boolean dryRun) {
        if (entries.size() <= batchSize) {
            return client.bulk(bodies(entries), dryRun);
        }
        ObjectNode joined = JobClient.MAPPER.createObjectNode();
        ArrayNode items = JobClient.MAPPER.createArrayNode();
        for (int from = 0; from < entries.size(); from += batchSize) {
            JsonNode answer = client.bulk(bodies(entries.subList(from, Math.min(entries.size(), from + batchSize))),
                    dryRun);
            for (JsonNode item : answer.path("items")) {
                items.add(((ObjectNode) item.deepCopy()).put("index", from + item.path("index").asInt()));
            }
            answer.fields().forEachRemaining(field -> {
                if (field.getValue().isInt()) {
                    joined.put(field.getKey(), joined.path(field.getKey()).asInt(0) + field.getValue().asInt());
                } else if (!field.getKey().equals("items") && !joined.has(field.getKey())) {
                    joined.set(field.getKey(), field.getValue());
                }
            });
        }
        joined.set("items", items);
        return joined;
    }

    private ArrayNode bodies(List<JobsFile.Entry> entries) {
        ArrayNode bodies = JobClient.MAPPER.createArrayNode();
        for (JobsFile.Entry entry : entries) {
            ObjectNode body = entry.body().deepCopy();
            if (reason != null) {
                body.put("reason", reason);
            }
            bodies.add(body);
        }
        return bodies;
    }

    /** The ids of the server's jobs that the file does not name, in the server's order (by id). */
    private static List<String> absent(JsonNode serverJobs, List<JobsFile.Entry> entries) {
        Set<String> named = entries.stream().map(JobsFile.Entry::id).collect(Collectors.toSet());
        List<String> absent = new ArrayList<>();
        serverJobs.forEach(job -> {
            String id = job.path("id").asText();
            if (!named.contains(id)) {
                absent.add(id);
            }
        });
        return absent;
    }
}
