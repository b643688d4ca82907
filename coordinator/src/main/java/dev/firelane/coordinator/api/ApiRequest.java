package dev.firelane.coordinator.api;

import dev.firelane.coordinator.api.auth.Caller;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the resources see it: path parameters of the matched route, decoded query
 * parameters, the caller, the body (already read, size-limited) and its {@code Content-Type} (null if none).
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                         Caller caller, byte[] body, String contentType) {
    /** Who is asking, with authentication off, when no {@code X-Firelane-User} header says otherwise. */
    public static final String DEFAULT_USER = "api";
    /** Names the caller only while authentication is off; with tokens, the token's name is used. */
    public static final String USER_HEADER = "X-Firelane-User";

    /** Recorded as {@code requestedBy} of the commands this request sends. */
    public String user() {
        return caller.name();
    }

    /** The media type of the body without parameters, lower case ({@code application/json}); "" if none. */
    public String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The query parameter, or null. */
    public String queryParam(String name) {
        return query.get(name);
    }

    /** An integer query parameter within {@code [1, max]}, or {@code fallback} when absent. */
    public int intQueryParam(String name, int fallback, int max) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(name, "must be a whole number from 1 to " + max + "; got '" + text + "'");
    }

    /** A paging offset: a whole number from 0 to {@code max}; 0 when absent. */
    public int offsetQueryParam(int max) {
        String text = query.get("offset");
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid("offset", "must be a whole number from 0 to " + max + "; got '" + text + "'");
    }

    /** {@code true} or {@code false} (any case); {@code fallback} when absent. */
    public boolean boolQueryParam(String name, boolean fallback) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "must be true or false; got '" + text + "'");
        };
    }

    public boolean hasBody() {
        return body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank();
    }

    /** Parses {@code a=1&b=2}; the last of repeated names wins. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** {@code a=1&b=2}, names and values URL-encoded. */
    static String formatQuery(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** Decodes a path segment ({@code +} is literal in paths, unlike in queries). */
    static String decodePathSegment(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
