package dev.promptgate.api.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns an operation of the document into one hostile HTTP request. */
final class FuzzRequests {

    /** Headers the HTTP client sets itself and refuses to take. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private static final List<String> KNOWN_IDS = List.of("0", "-1", "9223372036854775807", "987654321");

    record Built(HttpRequest request, String description) {}

    private final HostileInputs inputs;
    private final OpenApiDocument document;

    /**
     * The longest path and query sent with a body: within the server's request-line limit
     * ({@code quarkus.http.limits.max-initial-line-length}, 4,096 by default) with room for the method and version.
     */
    private static final int LONGEST_TARGET = 4_000;

    FuzzRequests(HostileInputs inputs, OpenApiDocument document) {
        this.inputs = inputs;
        this.document = document;
    }

    Built build(OpenApiDocument.Operation operation, String base, String bearer) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
        List<String> described = new ArrayList<>();
        for (OpenApiDocument.Param param : operation.params()) {
            switch (param.in()) {
                case "path" -> {
                    String value = inputs.nextInt(4) == 0 ? inputs.pick(KNOWN_IDS) : inputs.parameter();
                    String encoded = inputs.urlEncoded(value);
                    path = path.replace("{" + param.name() + "}", encoded.isEmpty() ? "%20" : encoded);
                    described.add(param.name() + "=" + encoded);
                }
                case "query" -> {
                    if (inputs.nextInt(3) > 0) {
                        String encoded = inputs.urlEncoded(inputs.parameter());
                        query.append(query.isEmpty() ? "?" : "&")
                                .append(param.name())
                                .append('=')
                                .append(encoded);
                        if (inputs.nextInt(5) == 0) {
                            // The same parameter twice, the second time with another value.
                            query.append('&')
                                    .append(param.name())
                                    .append('=')
                                    .append(inputs.urlEncoded(inputs.parameter()));
                        }
                    }
                }
                case "header" -> {
                    if (!RESTRICTED.contains(param.name().toLowerCase()) && inputs.nextInt(2) == 0) {
                        String value = headerValue();
                        request.header(param.name(), value);
                        described.add(param.name() + ": " + abbreviate(value));
                    }
                }
                default -> {}
            }
        }
        if (inputs.nextInt(6) == 0) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append("unknownParam=")
                    .append(inputs.urlEncoded(inputs.parameter()));
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        URI uri = URI.create(base.replaceAll("/$", "") + path + query);
        request.uri(uri);
        String method = operation.method().toUpperCase();
        if (operation.bodyTypes().isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return new Built(request.build(), method + " " + uri + " " + described);
        }
        if (path.length() + query.length() > LONGEST_TARGET) {
            // The server refuses a request line over its limit (414) and closes the connection without reading the
            // body; a client still writing one then loses that answer. Such a request goes without a body.
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return new Built(request.build(), method + " " + uri + " " + described + " (line over the limit, no body)");
        }
        String type;
        byte[] body;
        if (inputs.nextInt(8) == 0) {
            Map.Entry<String, byte[]> foreign = inputs.foreignBody();
            type = foreign.getKey();
            body = foreign.getValue();
        } else {
            type = inputs.pick(operation.bodyTypes());
            if (type.contains("json") || type.equals("*/*")) {
                body = inputs.jsonBody(operation.bodySchema(), document);
                type = type.equals("*/*") ? "application/octet-stream" : type;
            } else {
                body = inputs.foreignBody().getValue();
            }
        }
        request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return new Built(
                request.build(),
                method + " " + uri + " " + described + " " + type + " body: "
                        + abbreviate(new String(body, StandardCharsets.UTF_8)));
    }

    /** A header value the HTTP client will send (visible ASCII), but not one the server expects. */
    private String headerValue() {
        String text = inputs.parameter();
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return switch (inputs.nextInt(5)) {
            case 0 -> "\"" + out + "\"";
            case 1 -> "W/\"" + out + "\", *";
            default -> out.toString().strip().isEmpty() ? "x" : out.toString().strip();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + " chars)";
    }
}
