package dev.promptgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Browsers posting event batches to a server, as the extension does: a batch the server did not answer with 202 is
 * kept and sent again later, unchanged. Records which events were acknowledged, and checks against the database
 * that each of them is stored exactly once.
 */
final class EventLoad {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One batch: its body and the ids of its events. */
    record Batch(String body, List<String> ids) {}

    private final String enrollment;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Batch> unanswered = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger generated = new AtomicInteger();

    EventLoad(String enrollment) {
        this.enrollment = enrollment;
    }

    /** A new batch of {@code size} events from one browser, never sent before. */
    Batch newBatch(int size) {
        String device = "device-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"events\": [");
        for (int i = 0; i < size; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            body.append(i == 0 ? "" : ",")
                    .append(
                            """
                    {"id": "%s", "occurredAt": "%s", "deviceId": "%s", "extensionVersion": "0.1.0",
                     "type": "visit", "serviceKey": "chatgpt", "host": "chatgpt.com", "action": "ALLOW"}"""
                                    .formatted(id, Instant.now().minusSeconds(60), device));
        }
        generated.addAndGet(size);
        return new Batch(body.append("]}").toString(), ids);
    }

    /**
     * Posts a batch and records the outcome: its events acknowledged on 202, the batch kept for later otherwise.
     * Returns the status, or -1 when nothing answered.
     */
    int post(Supplier<String> baseUrl, Batch batch) {
        int status = send(baseUrl.get(), batch).statusCode();
        record(batch, status);
        return status;
    }

    /** Records a batch's answer: its events acknowledged on 202, the batch kept to be sent again otherwise. */
    void record(Batch batch, int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 202) {
            acknowledged.addAll(batch.ids());
        } else {
            unanswered.add(batch);
        }
    }

    /** The answer, or one with status -1 (and no headers) when the server did not answer. */
    HttpResponse<String> send(String baseUrl, Batch batch) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/client/events"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + enrollment)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch.body()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new NoAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NoAnswer();
        }
    }

    /** Sends every batch not acknowledged yet again, as the extension does once the server answers. */
    void resendUnanswered(String baseUrl) {
        for (Batch batch = unanswered.poll(); batch != null; batch = unanswered.poll()) {
            HttpResponse<String> response = send(baseUrl, batch);
            assertEquals(202, response.statusCode(), response.body());
            acknowledged.addAll(batch.ids());
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int generatedCount() {
        return generated.get();
    }

    int unansweredBatches() {
        return unanswered.size();
    }

    Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    /**
     * Checks in the database that every acknowledged event is stored, and none twice; returns the number of
     * acknowledged events that are missing (asserted to be 0).
     */
    void assertStoredExactlyOnce(String jdbcUrl) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement query = db.createStatement()) {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            int rows = 0;
            try (ResultSet result = query.executeQuery("select id::text from client_event")) {
                while (result.next()) {
                    stored.add(result.getString(1));
                    rows++;
                }
            }
            assertEquals(stored.size(), rows, "no event is stored twice");
            long missing =
                    acknowledged.stream().filter(id -> !stored.contains(id)).count();
            assertEquals(0, missing, "every acknowledged event is stored");
        }
    }

    /** The answer of a request nothing answered. */
    private static final class NoAnswer implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return -1;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
