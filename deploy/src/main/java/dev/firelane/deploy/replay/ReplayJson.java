package dev.firelane.deploy.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.RunRow;
import dev.firelane.protocol.Json;

/** JSON output of the replay commands: camelCase, ISO-8601 instants, like the REST API. */
final class ReplayJson {
    static final ObjectMapper MAPPER = Json.newMapper();

    private ReplayJson() {
    }

    static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode job(JobRow job) {
        ObjectNode node = MAPPER.valueToTree(job);
        node.remove("deleted");
        return node;
    }

    static JsonNode run(RunRow run) {
        return run == null ? MAPPER.nullNode() : MAPPER.valueToTree(run);
    }
}
