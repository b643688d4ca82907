package dev.firelane.deploy.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.coordinator.replay.TimelineEntry;
import dev.firelane.deploy.job.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane replay timeline}: a job's history from the topics, one line per record. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Lists every record of a job on control, fires, runs and job-state, in the order the status"
                + " stream applied them, with the job's status after each.",
                "Reads only the job's partition of each topic. The status is replayed from the first record the topics"
                        + " retain; --from only chooses where the list starts."})
final class TimelineCommand extends ReplaySubcommand {
    @Option(names = "--job", required = true, paramLabel = "ID", description = "the job")
    String jobId;

    @Option(names = "--from", paramLabel = "INSTANT", description = "list from the first record stamped at or after this")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "list up to the last record stamped at or before this")
    String to;

    @Option(names = "--json", description = "print a JSON array instead of a table")
    boolean json;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        Instant fromInstant = Instants.parse(spec, "--from", from);
        Instant toInstant = Instants.parse(spec, "--to", to);
        Instants.requireOrdered(spec, fromInstant, toInstant);
        List<TimelineEntry> entries = withReplay(err, replay -> replay.timeline(jobId, fromInstant, toInstant));
        if (json) {
            out.print(ReplayJson.pretty(json(entries)));
        } else if (entries.isEmpty()) {
            out.println("no records of job " + jobId + window(fromInstant, toInstant));
        } else {
            out.print(table(entries));
        }
        return ReplayExit.OK;
    }

    static String table(List<TimelineEntry> entries) {
        Table table = new Table("TIME", "RECORD", "EVENT", "STATUS");
        for (TimelineEntry e : entries) {
            table.row(e.time().toString(), e.position(), e.description(), e.status());
        }
        return table.render();
    }

    static ArrayNode json(List<TimelineEntry> entries) {
        ArrayNode array = ReplayJson.MAPPER.createArrayNode();
        for (TimelineEntry e : entries) {
            ObjectNode node = array.addObject();
            node.put("time", e.time().toString());
            node.put("topic", e.topic());
            node.put("partition", e.partition());
            node.put("offset", e.offset());
            node.put("kind", e.kind());
            node.put("event", e.description());
            node.put("status", e.status());
            node.put("applied", e.applied());
            node.put("fireId", e.fireId());
            node.put("commandId", e.commandId());
            node.set("value", ReplayJson.MAPPER.valueToTree(e.event()));
        }
        return array;
    }

    private static String window(Instant from, Instant to) {
        return (from == null ? "" : " from " + from) + (to == null ? "" : " up to " + to);
    }
}
