package dev.promptgate.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Hostile values for an API, drawn from one seeded {@link Random} so that a run can be repeated exactly: wrong
 * types, huge and negative numbers, instants and days beyond the database's calendar, long strings and strings with
 * control characters or lone surrogates, deep nesting, duplicate and unknown keys, bytes that are not UTF-8, and
 * bodies that are not what the content type says.
 * Each value is written as raw JSON text (or raw bytes), never through a serializer that would tidy it up.
 */
public final class HostileInputs {

    /** Text that should never come back to a client: the server's insides. */
    public static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "(?i)exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|jakarta\\.|javax\\.|org\\.hibernate|io\\.quarkus"
                    + "|io\\.vertx|com\\.fasterxml|org\\.postgresql|psql|sqlstate|syntax error at|dev\\.promptgate"
                    + "|\\$Proxy|\\.java:\\d");

    private static final String[] SCALARS = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "-2147483649",
        "2147483648",
        "9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1e309",
        "-1e309",
        "1.5",
        "-0",
        "0.0000001",
        "\"\"",
        "\" \"",
        "[]",
        "{}",
        "[null]",
        "{\"\":null}"
    };

    private static final String[] TEXTS = {
        "",
        " ",
        "\u0000",
        "a\u0000b",
        "\u0001\u0002\u001f",
        "\u007f",
        "\ud800",
        "x\udc00y",
        "\ufeff",
        "\u202e",
        "../../../etc/passwd",
        "' OR '1'='1",
        "\"; DROP TABLE groups; --",
        "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1/x}",
        "%00",
        "%s%s%s%n",
        "\r\nX-Injected: 1",
        "NaN",
        "-1",
        "99999999999999999999",
        "\u00e9\u4e2d\ud83d\udca5",
        "javascript:alert(1)",
        "*",
        "*://*/*",
        "..",
        "/",
        // Instants and days that Java reads but PostgreSQL's timestamps (up to the year 294,276) and date arithmetic
        // do not: as a from or to filter they were 500s.
        "+1000000000-01-01T00:00:00Z",
        "-1000000000-01-01T00:00:00Z",
        "+300000-01-01T00:00:00Z",
        "+999999999-12-31",
        "-999999999-01-01"
    };

    private final Random random;

    public HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A hostile text, sometimes very long. */
    public String text() {
        return switch (random.nextInt(6)) {
            case 0 -> "A".repeat(1 + random.nextInt(5000));
            case 1 -> "\u00e9".repeat(1 + random.nextInt(3000));
            case 2 -> TEXTS[random.nextInt(TEXTS.length)] + "A".repeat(random.nextInt(300));
            default -> TEXTS[random.nextInt(TEXTS.length)];
        };
    }

    /** A hostile value for a path, query or header parameter, as text before percent-encoding. */
    public String parameter() {
        return random.nextBoolean() ? text() : SCALARS[random.nextInt(SCALARS.length)].replace("\"", "");
    }

    /** Percent-encodes a parameter value for a URL; now and then appends bytes that are not UTF-8. */
    public String urlEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return switch (random.nextInt(12)) {
            case 0 -> out + "%FF%FE";
            case 1 -> out + "%C3%28";
            case 2 -> out + "%ED%A0%80";
            case 3 -> out + "%C0%AF";
            default -> out.toString();
        };
    }

    /** A raw JSON value of a random hostile kind. */
    public String jsonValue() {
        return switch (random.nextInt(7)) {
            case 0 -> SCALARS[random.nextInt(SCALARS.length)];
            case 1 -> quote(text());
            case 2 -> nested(1 + random.nextInt(random.nextBoolean() ? 20 : 3000));
            case 3 -> "[" + String.join(",", java.util.Collections.nCopies(1 + random.nextInt(5000), "1")) + "]";
            case 4 -> "\"" + "\\ud800".repeat(1 + random.nextInt(3)) + "\"";
            case 5 -> "{\"a\":1,\"a\":" + SCALARS[random.nextInt(SCALARS.length)] + "}";
            default -> quote(
                    Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L).toString());
        };
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A JSON string literal, escaping only what JSON requires (control characters stay hostile, but legal). */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A well-formed instance of a schema, the start that a mutation spoils in one place. */
    public String valid(JsonNode schema, OpenApiDocument document, int depth) {
        schema = document.resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum")
                    .get(random.nextInt(schema.get("enum").size()))
                    .toString();
        }
        String type = OpenApiDocument.type(schema);
        if (depth > 6) {
            return "null";
        }
        return switch (type) {
            case "object" -> {
                List<String> fields = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                schema.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    fields.add(quote(field.getKey()) + ":" + valid(field.getValue(), document, depth + 1));
                }
                yield "{" + String.join(",", fields) + "}";
            }
            case "array" -> "[" + valid(schema.path("items"), document, depth + 1) + "]";
            case "integer", "number" -> schema.has("minimum")
                    ? schema.get("minimum").asText()
                    : "1";
            case "boolean" -> "true";
            case "string" -> switch (schema.path("format").asText()) {
                case "date-time" -> quote(Instant.now().toString());
                case "date" -> quote(java.time.LocalDate.now().toString());
                case "uuid" -> quote(UUID.randomUUID().toString());
                default -> quote("fuzz-" + Integer.toHexString(random.nextInt()));
            };
            default -> "{}";
        };
    }

    /** A body for a JSON operation: a valid instance spoiled in one way, or something that is not JSON at all. */
    public byte[] jsonBody(JsonNode schema, OpenApiDocument document) {
        String valid = schema == null ? "{}" : valid(schema, document, 0);
        String body =
                switch (random.nextInt(12)) {
                    case 0 -> replaceAValue(valid);
                    case 1 -> replaceAValue(replaceAValue(valid));
                    case 2 -> valid.startsWith("{") && valid.length() > 2
                            ? "{\"unknownField\":" + jsonValue() + "," + valid.substring(1)
                            : jsonValue();
                    case 3 -> duplicateAKey(valid);
                    case 4 -> jsonValue();
                    case 5 -> valid + (random.nextBoolean() ? " {}" : "garbage");
                    case 6 -> valid.substring(0, random.nextInt(Math.max(1, valid.length())));
                    case 7 -> "";
                    case 8 -> nested(5000 + random.nextInt(50_000));
                    default -> replaceAValue(valid);
                };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(8) == 0 ? withBadUtf8(bytes) : bytes;
    }

    /** Replaces one scalar value of a JSON text (after a colon) with a hostile one. */
    private String replaceAValue(String json) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == ':') {
                colons.add(i);
            }
        }
        if (colons.isEmpty()) {
            return jsonValue();
        }
        int at = colons.get(random.nextInt(colons.size())) + 1;
        int end = endOfValue(json, at);
        return json.substring(0, at) + jsonValue() + json.substring(end);
    }

    private static int endOfValue(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    private String duplicateAKey(String json) {
        int colon = json.indexOf(':');
        int keyStart = json.indexOf('"');
        if (colon < 0 || keyStart < 0 || keyStart > colon) {
            return "{\"a\":1,\"a\":2}";
        }
        String key = json.substring(keyStart, colon);
        return "{" + key + ":" + jsonValue() + "," + json.substring(1);
    }

    /** The same bytes with a sequence that is not UTF-8 put inside (an overlong, a surrogate or a lone byte). */
    private byte[] withBadUtf8(byte[] bytes) {
        byte[][] bad = {
            {(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}
        };
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** A body that is not what a JSON operation reads: another media type, with what that type's parsers fear. */
    public Map.Entry<String, byte[]> foreignBody() {
        List<Map.Entry<String, String>> bodies = List.of(
                Map.entry("text/plain", "hello"),
                Map.entry(
                        "application/xml",
                        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"),
                Map.entry("application/x-www-form-urlencoded", "a=1&a=2&b=%FF"),
                Map.entry(
                        "application/yaml",
                        "a: &a [\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n"),
                Map.entry("application/yaml", "!!java.net.URL [\"http://127.0.0.1:1/\"]"),
                Map.entry(
                        "multipart/form-data; boundary=x",
                        "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--"),
                Map.entry("application/json; charset=utf-16", "{}"),
                Map.entry("application/octet-stream", "\u0000\u0001\u0002"),
                Map.entry("*/*", "{}"),
                Map.entry("application/problem+json", "{}"));
        Map.Entry<String, String> body = bodies.get(random.nextInt(bodies.size()));
        return Map.entry(body.getKey(), body.getValue().getBytes(StandardCharsets.UTF_8));
    }
}
