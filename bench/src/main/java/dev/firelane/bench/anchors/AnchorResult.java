package dev.firelane.bench.anchors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run, printed as {@code RESULT {json}}. Times: {@code scheduleSeconds} to store the N jobs;
 * {@code seconds} from T (or from the first start, for a scheduler that starts jobs before T) to the last start;
 * lateness is start − T in milliseconds (negative: early); {@code cpuSeconds} is this JVM's CPU time over that
 * same window. A figure that cannot be had (no job ran) is null.
 */
public record AnchorResult(String scheduler, String version, int jobs, int executed, int duplicates, int threads,
                           double scheduleSeconds, double seconds, double executionsPerSecond, double lateP50Ms,
                           double lateP99Ms, double lateMaxMs, double lateMinMs, double cpuSeconds, String settings,
                           String warning) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The one line the orchestrator reads. */
    public String line() {
        return "RESULT " + json();
    }

    public String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheduler", scheduler);
        fields.put("version", version);
        fields.put("jobs", jobs);
        fields.put("executed", executed);
        fields.put("duplicates", duplicates);
        fields.put("threads", threads);
        fields.put("scheduleSeconds", rounded(scheduleSeconds, 3));
        fields.put("seconds", rounded(seconds, 3));
        fields.put("executionsPerSecond", rounded(executionsPerSecond, 1));
        fields.put("lateP50Ms", rounded(lateP50Ms, 1));
        fields.put("lateP99Ms", rounded(lateP99Ms, 1));
        fields.put("lateMaxMs", rounded(lateMaxMs, 1));
        fields.put("lateMinMs", rounded(lateMinMs, 1));
        fields.put("cpuSeconds", rounded(cpuSeconds, 2));
        fields.put("settings", settings);
        fields.put("warning", warning);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rounded for reading; null for NaN or infinity, which JSON has no number for. */
    private static Double rounded(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
