package dev.firelane.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The items of a {@code POST /api/jobs/bulk} body: a JSON array of job objects, or NDJSON (one object per line,
 * blank lines skipped) when the {@code Content-Type} says so. A body that cannot be split into items is a 400
 * and one with too many items a 413; an item that cannot be read is that item's error only.
 */
final class BulkBody {
    static final Set<String> NDJSON_TYPES = Set.of("application/x-ndjson", "application/ndjson");

    /** One item as read: its JSON object, or why it could not be read ({@code json} null then). */
    record RawItem(JsonNode json, String unreadable) {
    }

    private BulkBody() {
    }

    static List<RawItem> items(ApiRequest request, int maxItems) {
        return NDJSON_TYPES.contains(request.mediaType()) ? ndjson(request.body(), maxItems) : array(request.body(), maxItems);
    }

    private static List<RawItem> array(byte[] body, int maxItems) {
        if (body.length == 0) {
            throw ApiException.invalid("body", "a JSON array of jobs is required");
        }
        JsonNode root;
        try {
            root = ApiJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalid("body", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw ApiException.invalid("body", "must be a JSON array of jobs (or NDJSON, one job per line, with"
                    + " Content-Type: application/x-ndjson)");
        }
        checkCount(root.size(), maxItems);
        List<RawItem> items = new ArrayList<>(root.size());
        for (JsonNode item : root) {
            items.add(item.isObject() ? new RawItem(item, null)
                    : new RawItem(null, "must be a JSON object; got " + describe(item)));
        }
        return items;
    }

    private static List<RawItem> ndjson(byte[] body, int maxItems) {
        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().toList();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                lineNumbers.add(i + 1);
            }
        }
        if (lineNumbers.isEmpty()) {
            throw ApiException.invalid("body", "no jobs: NDJSON needs one job object per line");
        }
        checkCount(lineNumbers.size(), maxItems);
        List<RawItem> items = new ArrayList<>(lineNumbers.size());
        for (int number : lineNumbers) {
            items.add(line(number, lines.get(number - 1)));
        }
        return items;
    }

    private static RawItem line(int number, String text) {
        try {
            JsonNode item = ApiJson.MAPPER.readTree(text);
            return item.isObject() ? new RawItem(item, null)
                    : new RawItem(null, "line " + number + ": must be a JSON object; got " + describe(item));
        } catch (JsonProcessingException e) {
            return new RawItem(null, "line " + number + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void checkCount(int count, int maxItems) {
        if (count > maxItems) {
            throw new ApiException(413, "too_large", "body", "the request has " + count + " jobs; the limit is "
                    + maxItems + " per request — split it into several requests");
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
