package dev.firelane.deploy.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.coordinator.replay.JobSnapshot;
import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.RunRow;
import dev.firelane.deploy.job.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane replay state} (time travel): a job as it stood at an instant. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Prints a job's row as it stood at an instant, and its runs in flight then, computed by applying"
                + " its records up to that instant with the status stream's own apply code."})
final class StateCommand extends ReplaySubcommand {
    @Option(names = "--job", required = true, paramLabel = "ID", description = "the job")
    String jobId;

    @Option(names = "--at", required = true, paramLabel = "INSTANT", description = "the instant, ISO-8601")
    String at;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        Instant instant = Instants.parse(spec, "--at", at);
        JobSnapshot snapshot = withReplay(err, replay -> replay.stateAt(jobId, instant));
        out.print(json ? ReplayJson.pretty(json(snapshot)) : text(snapshot));
        return ReplayExit.OK;
    }

    static String text(JobSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("job ").append(s.jobId()).append(" at ").append(s.at()).append(" (").append(s.records())
                .append(" records applied, the last ").append(s.lastRecord().position()).append(" at ")
                .append(s.lastRecord().timestamp()).append(')').append(System.lineSeparator());
        Map<String, Object> fields = fields(s.job());
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((name, value) -> out.append("  ").append(name).append(':')
                .append(" ".repeat(width - name.length() + 1)).append(value == null ? "-" : value).append(System.lineSeparator()));
        if (s.inFlight().isEmpty()) {
            out.append("no run in flight").append(System.lineSeparator());
        } else {
            out.append("runs in flight:").append(System.lineSeparator());
            Table table = new Table("FIRE ID", "ATTEMPT", "SCHEDULED AT", "FIRED AT", "STARTED AT", "WORKER");
            for (RunRow r : s.inFlight()) {
                table.row(r.fireId(), Integer.toString(r.attempt()), text(r.scheduledAt()), text(r.firedAt()),
                        text(r.startedAt()), r.workerId());
            }
            out.append(table.render());
        }
        RunRow last = s.lastRun();
        if (last != null) {
            out.append("last finished run: ").append(last.fireId()).append(' ').append(last.outcome()).append(" at ")
                    .append(last.finishedAt()).append(last.workerId() == null ? "" : " on " + last.workerId())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    private static Map<String, Object> fields(JobRow job) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", job.status());
        f.put("generation", job.generation());
        f.put("schedule", job.scheduleKind() + " " + job.schedule() + ("cron".equals(job.scheduleKind()) ? " " + job.timeZone() : ""));
        f.put("handler", job.handler());
        f.put("nextFireAt", job.nextFireAt());
        f.put("lastFireId", job.lastFireId());
        f.put("runCount", job.runCount());
        f.put("lastRunAt", job.lastRunAt());
        f.put("lastRunStatus", job.lastRunStatus());
        f.put("consecutiveErrors", job.consecutiveErrors());
        f.put("lastError", job.lastError());
        f.put("createdAt", job.createdAt());
        f.put("updatedAt", job.updatedAt());
        return f;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static ObjectNode json(JobSnapshot s) {
        ObjectNode node = ReplayJson.MAPPER.createObjectNode();
        node.put("jobId", s.jobId());
        node.put("at", s.at().toString());
        node.put("records", s.records());
        node.put("lastRecord", s.lastRecord().position());
        node.set("job", ReplayJson.job(s.job()));
        var inFlight = node.putArray("inFlight");
        s.inFlight().forEach(r -> inFlight.add(ReplayJson.run(r)));
        node.set("lastRun", ReplayJson.run(s.lastRun()));
        return node;
    }
}
