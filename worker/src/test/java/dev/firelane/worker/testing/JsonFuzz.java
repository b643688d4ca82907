package dev.firelane.worker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed variants of valid JSON for fuzz tests: truncated, bytes flipped (bad UTF-8 among them), values of the
 * wrong type, huge fields, unknown kinds, missing or repeated fields, deep nesting, or no JSON at all. Seeded, so a
 * failure names the case that reproduces it.
 */
public final class JsonFuzz {
    /** A string value of this many characters is larger than any field Firelane accepts (payloads: 64 KiB). */
    public static final int HUGE = 70 * 1024;
    private static final Pattern STRING_VALUE = Pattern.compile("\"([A-Za-z]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern NUMBER_VALUE = Pattern.compile("\"([A-Za-z]+)\"\\s*:\\s*(-?\\d+)");
    private static final Pattern FIELD = Pattern.compile("\"[A-Za-z]+\"\\s*:\\s*(\"[^\"]*\"|-?\\d+|true|false|null)\\s*,?");
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    private static final String[] WRONG_VALUES = {"123", "-1", "1e400", "true", "null", "[]", "{}", "[1,2]", "{\"a\":1}",
        "\"\"", "\"  \"", "99999999999999999999999"};

    private final Random random;

    public JsonFuzz(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code seed}. */
    public byte[] mutate(String seed) {
        String text = seed;
        int rounds = 1 + random.nextInt(3);
        byte[] bytes = null;
        for (int i = 0; i < rounds; i++) {
            if (bytes != null) {
                break; // byte-level mutations end the chain: what follows works on text
            }
            switch (random.nextInt(11)) {
                case 0 -> text = text.substring(0, random.nextInt(text.length() + 1));
                case 1 -> bytes = withBadBytes(text);
                case 2 -> text = replaceValue(STRING_VALUE, text, WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
                case 3 -> text = replaceValue(NUMBER_VALUE, text, "\"" + random.nextInt() + "\"");
                case 4 -> text = replaceValue(STRING_VALUE, text, "\"" + "x".repeat(HUGE) + "\"");
                case 5 -> text = text.replaceFirst("\"type\"\\s*:\\s*\"[A-Za-z]+\"", "\"type\":\"Explode" + random.nextInt(9) + "\"");
                case 6 -> text = removeField(text);
                case 7 -> text = text.replaceFirst("\\{", "{\"id\":\"dup\",");
                case 8 -> text = "[".repeat(1 + random.nextInt(20_000)) + text;
                case 9 -> text = junk();
                default -> text = replaceValue(STRING_VALUE, text, "\"" + randomUnicode() + "\"");
            }
        }
        return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withBadBytes(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(utf8.length + 1);
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8, 0, at);
        out.writeBytes(bad);
        out.write(utf8, at, utf8.length - at);
        return out.toByteArray();
    }

    private String replaceValue(Pattern pattern, String text, String replacement) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(2) - (pattern == STRING_VALUE ? 1 : 0), m.end(2) + (pattern == STRING_VALUE ? 1 : 0)});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

    private String removeField(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + text.substring(span[1]);
    }

    private String junk() {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "   ";
            case 2 -> "null";
            case 3 -> "\"just a string\"";
            default -> "{" + "\"a\":".repeat(random.nextInt(50)) + "}";
        };
    }

    private String randomUnicode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
            out.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 0x1F600 + random.nextInt(50); // emoji, outside the BMP
                case 1 -> random.nextInt(0x20);         // control characters
                case 2 -> 0x4E00 + random.nextInt(100);
                default -> 'a' + random.nextInt(26);
            });
        }
        return out.toString().replace("\"", "").replace("\\", "");
    }
}
