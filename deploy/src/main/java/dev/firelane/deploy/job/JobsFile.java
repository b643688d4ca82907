package dev.firelane.deploy.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.firelane.protocol.FirelaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file of {@code firelane job apply}: a YAML list of jobs (docs/bulk.md). Each job has the fields of
 * {@code job create}, named as in the REST API's JSON, except that the schedule is one of {@code cron},
 * {@code every} or {@code at}. The file's own mistakes (YAML syntax, unknown or repeated fields, a job without
 * an id or schedule, an id given twice, a payload string that is not JSON) are found here, naming the item and
 * line; everything else is the server's to validate.
 */
final class JobsFile {
    /** The schedule fields, of which each job has exactly one; the name is the API's {@code scheduleKind}. */
    static final List<String> SCHEDULE_FIELDS = List.of("cron", "every", "at");
    /** Fields sent under the same name; a number given for one of them is sent as its text. */
    static final List<String> TEXT_FIELDS = List.of("timeZone", "handler", "overlap", "misfire", "timeout",
            "notBefore", "notAfter");
    /** Fields sent as they are (the server says so if one is not a number or a boolean). */
    static final List<String> VALUE_FIELDS = List.of("maxErrors", "maxAttempts", "misfireLimit", "paused");
    static final List<String> FIELDS = fields();

    private static final YAMLFactory YAML = new YAMLFactory();

    /**
     * One job of the file.
     *
     * @param item          its position, from 1
     * @param line          the line it starts on
     * @param scheduleField which of {@link #SCHEDULE_FIELDS} it uses
     * @param body          the job as {@code POST /api/jobs} takes it
     */
    record Entry(int item, int line, String id, String scheduleField, ObjectNode body) {
        /** The item for messages, e.g. {@code item 3 (line 12)}. */
        String where() {
            return "item " + item + " (line " + line + ")";
        }
    }

    /** The file is not a jobs file; the message names the item and line. */
    static final class JobsFileException extends FirelaneException {
        JobsFileException(String message) {
            super(message);
        }
    }

    private JobsFile() {
    }

    static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JobsFileException("cannot read it: " + e.getMessage());
        }
        return parse(text);
    }

    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw new JobsFileException("line " + line(parser) + ": the file must be a YAML list of jobs, each"
                        + " item starting with '- '");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                entries.add(entry(entries.size() + 1, parser));
            }
            if (parser.nextToken() != null) {
                throw new JobsFileException("line " + line(parser) + ": only one YAML document (one list of jobs) is"
                        + " read; remove what follows the list");
            }
        } catch (JsonProcessingException e) {
            throw new JobsFileException("line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JobsFileException("cannot be read: " + e.getMessage());
        }
        refuseDuplicates(entries);
        return entries;
    }

    private static Entry entry(int item, JsonParser parser) throws IOException {
        int line = line(parser);
        String where = "item " + item + " (line " + line + ")";
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new JobsFileException(where + ": a job must be a map of fields such as 'id: nightly'; got "
                    + JobClient.MAPPER.readTree(parser));
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int fieldLine = line(parser);
            if (!FIELDS.contains(name)) {
                throw new JobsFileException(where + ", line " + fieldLine + ": unknown field '" + name
                        + "'; known fields: " + String.join(", ", FIELDS));
            }
            parser.nextToken();
            JsonNode value = JobClient.MAPPER.readTree(parser);
            if (fields.put(name, value == null ? JobClient.MAPPER.nullNode() : value) != null) {
                throw new JobsFileException(where + ", line " + fieldLine + ": '" + name + "' is given twice");
            }
        }
        return toEntry(item, line, fields);
    }

    private static Entry toEntry(int item, int line, Map<String, JsonNode> fields) {
        String where = "item " + item + " (line " + line + ")";
        String id = scalar(fields.get("id"), where, "id");
        if (id == null || id.isBlank()) {
            throw new JobsFileException(where + ": 'id' is required");
        }
        List<String> schedules = SCHEDULE_FIELDS.stream().filter(f -> present(fields.get(f))).toList();
        if (schedules.size() != 1) {
            throw new JobsFileException(where + " (" + id + "): give exactly one of cron, every or at"
                    + (schedules.isEmpty() ? "" : "; it has " + String.join(" and ", schedules)));
        }
        String kind = schedules.get(0);
        ObjectNode body = JobClient.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("scheduleKind", kind);
        body.put("schedule", scalar(fields.get(kind), where, kind));
        for (String name : TEXT_FIELDS) {
            if (present(fields.get(name))) {
                body.set(name, fields.get(name).isValueNode() ? textOf(fields.get(name)) : fields.get(name));
            }
        }
        VALUE_FIELDS.stream().filter(name -> present(fields.get(name)))
                .forEach(name -> body.set(name, fields.get(name)));
        if (present(fields.get("payload"))) {
            body.set("payload", payload(fields.get("payload"), where + " (" + id + ")"));
        }
        return new Entry(item, line, id, kind, body);
    }

    /** A YAML map or list is the payload itself; a string is read as JSON text. */
    private static JsonNode payload(JsonNode value, String where) {
        if (!value.isTextual()) {
            return value;
        }
        try {
            JsonNode parsed = JobClient.MAPPER.readTree(value.textValue());
            if (parsed == null || parsed.isMissingNode()) {
                throw new JobsFileException(where + ": payload is an empty string; leave it out or give JSON");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new JobsFileException(where + ": payload is a string, so it must be JSON text (or write it as a"
                    + " YAML map); it is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void refuseDuplicates(List<Entry> entries) {
        Map<String, Entry> seen = new HashMap<>();
        for (Entry entry : entries) {
            Entry first = seen.putIfAbsent(entry.id(), entry);
            if (first != null) {
                throw new JobsFileException(entry.where() + ": job '" + entry.id() + "' is already defined by "
                        + first.where() + "; give each job once");
            }
        }
    }

    private static String scalar(JsonNode value, String where, String field) {
        if (!present(value)) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new JobsFileException(where + ": '" + field + "' must be a single value; got " + value);
        }
        return value.asText();
    }

    private static JsonNode textOf(JsonNode value) {
        return value.isTextual() ? value : JobClient.MAPPER.getNodeFactory().textNode(value.asText());
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static List<String> fields() {
        List<String> fields = new ArrayList<>(List.of("id"));
        fields.addAll(SCHEDULE_FIELDS);
        fields.addAll(TEXT_FIELDS);
        fields.add("payload");
        fields.addAll(VALUE_FIELDS);
        return List.copyOf(fields);
    }
}
