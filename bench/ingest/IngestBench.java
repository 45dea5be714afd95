import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The event-ingest benchmark (not a test; see docs/performance.md). Generates events, loads them once with
 * PostgreSQL COPY straight into client_event (the reference) and once through POST /api/v1/client/events in
 * batches from several concurrent senders, into the same freshly emptied table, and prints rows/s for both and
 * their ratio. Then fills the table to the report size with COPY, lets the server roll it up, and prints the
 * latency of the report endpoints.
 *
 * <p>Run by bench/ingest/run.sh, which starts PostgreSQL and the server and passes everything in the environment.
 */
public class IngestBench {

    static final String[] SERVICES = {
        "chatgpt", "gemini", "claude", "copilot", "perplexity", "midjourney", "mistral", "deepseek", "poe", "grok"
    };
    static final String[] TYPES = {
        "visit", "visit", "visit", "visit", "visit", "visit", "visit", "visit", "visit", "visit", "visit", "visit",
        "warned", "warned", "proceeded", "proceeded", "blocked", "reminder_shown", "reminder_done", "acknowledged",
        "policy_applied"
    };
    static final String COLUMNS = "id, occurred_at, received_at, token_id, device_id, user_hash, user_name,"
            + " extension_version, type, service_key, host, action, guideline_version, groups";

    final String server = env("SERVER_URL", "http://127.0.0.1:8080");
    final String enrollmentToken = env("ENROLLMENT_TOKEN", null);
    final String adminToken = env("ADMIN_TOKEN", null);
    final BenchDatabase db = new BenchDatabase(env("JDBC_URL", null));
    final String secret = env("USER_HASH_SECRET", null);
    final int events = Integer.parseInt(env("EVENTS", "1000000"));
    final int batchSize = Integer.parseInt(env("BATCH", "100"));
    final int senders = Integer.parseInt(env("SENDERS", "16"));
    final int reportEvents = Integer.parseInt(env("REPORT_EVENTS", "10000000"));
    final int users = Integer.parseInt(env("USERS", "5000"));
    final List<String> groups = Arrays.asList(env("GROUP_NAMES", "").split(","));
    final long tokenId;
    final String[] userHashes;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    IngestBench() throws Exception {
        tokenId = db.enrollmentTokenId();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        userHashes = new String[users];
        for (int u = 0; u < users; u++) {
            userHashes[u] = HexFormat.of().formatHex(mac.doFinal(userName(u).getBytes(StandardCharsets.UTF_8)));
        }
    }

    public static void main(String[] args) throws Exception {
        new IngestBench().run();
    }

    void run() throws Exception {
        System.out.printf("Generating %,d events (%d senders, batches of %d)%n", events, senders, batchSize);
        List<Event> generated = generate(events, 7, new Random(1));
        List<List<Event>> slices = slices(generated, senders);

        // A server runs for days: measure it warmed up, with its hot paths compiled, as PostgreSQL's are. The JIT
        // compiler keeps working long after the first requests (it took half the server's CPU after 300,000 events),
        // so warm up in rounds until the server's CPU per event stops falling.
        int round = Integer.parseInt(env("WARM_UP_EVENTS", "300000"));
        int maxRounds = Integer.parseInt(env("WARM_UP_ROUNDS", "12"));
        double previous = Double.MAX_VALUE;
        for (int r = 1; round > 0 && r <= maxRounds; r++) {
            List<List<byte[]>> warmBodies = new ArrayList<>();
            for (List<Event> slice : slices(generate(round, 7, new Random(100 + r)), senders)) {
                warmBodies.add(batches(slice));
            }
            Cpu before = Cpu.now();
            long warmStart = System.nanoTime();
            post(warmBodies);
            double micros = (Cpu.now().server() - before.server()) * 1e6 / round;
            System.out.printf(
                    "Warm-up round %d: %,d events over HTTP in %.1f s, server CPU %.1f µs per event (not measured)%n",
                    r, round, seconds(warmStart), micros);
            emptyTables();
            if (micros > previous * 0.9) {
                break;
            }
            previous = micros;
        }

        emptyTables();
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        copy(slices);
        double copySeconds = seconds(start);
        double copyRate = events / copySeconds;
        System.out.printf("COPY: %,d rows in %.2f s = %,.0f rows/s%n", events, copySeconds, copyRate);
        System.out.println("  CPU seconds: " + Cpu.now().minus(cpu));

        emptyTables();
        List<List<byte[]>> bodies = new ArrayList<>();
        for (List<Event> slice : slices) {
            bodies.add(batches(slice));
        }
        cpu = Cpu.now();
        start = System.nanoTime();
        long[] counts = post(bodies);
        double httpSeconds = seconds(start);
        String httpCpu = Cpu.now().minus(cpu).toString();
        double httpRate = events / httpSeconds;
        System.out.printf(
                "HTTP: %,d rows in %.2f s = %,.0f rows/s (accepted %,d, duplicates %,d, other answers %,d)%n",
                events, httpSeconds, httpRate, counts[0], counts[1], counts[2]);
        System.out.println("  CPU seconds: " + httpCpu);
        System.out.printf("HTTP / COPY = %.2f%n", httpRate / copyRate);
        check(counts[0] == events && db.count("select count(*) from client_event") == events, "every event stored once");

        start = System.nanoTime();
        long[] resent = post(List.of(bodies.get(0).subList(0, Math.min(100, bodies.get(0).size()))));
        check(resent[0] == 0 && resent[1] > 0, "a resent batch stores nothing");
        System.out.printf("Resending %,d events: all duplicates, in %.2f s%n", resent[1], seconds(start));

        fillForReports();
        reportLatency();
    }

    void fillForReports() throws Exception {
        int more = reportEvents - events;
        if (more <= 0) {
            return;
        }
        System.out.printf("Filling up to %,d events over 30 days with COPY%n", reportEvents);
        Random random = new Random(2);
        long start = System.nanoTime();
        int chunk = 1_000_000;
        for (int done = 0; done < more; done += chunk) {
            copy(slices(generate(Math.min(chunk, more - done), 30, random), senders));
        }
        System.out.printf("  COPY of %,d rows: %.0f s%n", more, seconds(start));
        start = System.nanoTime();
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze client_event");
            statement.execute("insert into event_rollup_pending (day) select generate_series(current_date - 31,"
                    + " current_date + 1, interval '1 day')::date");
        }
        while (db.count("select count(*) from event_rollup_pending") > 0) {
            Thread.sleep(1000);
        }
        System.out.printf(
                "  Rollups of %,d events recomputed by the server in %.0f s (vacuum analyze included)%n",
                db.count("select count(*) from client_event"), seconds(start));
    }

    void reportLatency() throws Exception {
        String group = db.groupId(groups.get(0));
        List<String> paths = List.of(
                "/api/v1/reports/usage",
                "/api/v1/reports/usage?groupId=" + group,
                "/api/v1/reports/usage?from=" + Instant.now().minus(89, ChronoUnit.DAYS).toString().substring(0, 10),
                "/api/v1/reports/shadow-ai",
                "/api/v1/reports/acknowledgements?guidelineVersion=3",
                "/api/v1/reports/acknowledgements?guidelineVersion=3&groupId=" + group,
                "/api/v1/events?type=blocked&serviceKey=claude&size=50",
                "/api/v1/events",
                "/api/v1/events?type=visit",
                "/api/v1/events?deviceId=" + deviceId(42),
                "/api/v1/events?userPseudonym=" + userHashes[42],
                "/api/v1/acknowledgements?guidelineVersion=3");
        System.out.printf("Report latency over %,d events (ms, 20 runs after 3 warm-ups):%n",
                db.count("select count(*) from client_event"));
        for (String path : paths) {
            long[] millis = new long[20];
            for (int i = -3; i < millis.length; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create(server + path))
                                .header("Authorization", "Bearer " + adminToken)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                check(response.statusCode() == 200, path + " answered " + response.statusCode());
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
            }
            Arrays.sort(millis);
            System.out.printf("  %-70s median %4d  p95 %4d  max %4d%n",
                    path, millis[millis.length / 2], millis[(int) (millis.length * 0.95) - 1], millis[millis.length - 1]);
        }
    }

    /** One generated event: what the extension would send, and what the server would store. */
    record Event(UUID id, Instant at, int user, boolean knownUser, String type, String service, String host,
            String action, Integer guidelineVersion, String group) {}

    List<Event> generate(int n, int days, Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long span = Duration.ofDays(days).toMillis() - 60_000;
        List<Event> out = new ArrayList<>(n);
        int user = 0;
        for (int i = 0; i < n; i++) {
            // A batch comes from one browser: consecutive events share a user and a device.
            if (i % batchSize == 0) {
                user = random.nextInt(users);
            }
            String type = TYPES[random.nextInt(TYPES.length)];
            boolean shadow = random.nextInt(30) == 0;
            String service = null;
            String host = null;
            if (type.equals("policy_applied") || type.equals("acknowledged")) {
                // no page
            } else if (shadow) {
                host = "ai-tool-" + random.nextInt(200) + ".example";
            } else {
                service = SERVICES[Math.min(SERVICES.length - 1, (int) Math.abs(random.nextGaussian() * 3))];
                host = service + ".example";
            }
            out.add(new Event(
                    new UUID(random.nextLong(), random.nextLong()),
                    now.minusMillis((long) (random.nextDouble() * span)),
                    user,
                    user % 10 != 0,
                    type,
                    service,
                    host,
                    type.equals("blocked") ? "BLOCK" : "WARN",
                    type.equals("acknowledged") ? 1 + random.nextInt(3) : null,
                    user % 5 == 0 ? groups.get(user / 5 % groups.size()) : null));
        }
        return out;
    }

    String userName(int user) {
        return "user" + user + "@example.com";
    }

    String deviceId(int user) {
        return "device-" + user;
    }

    List<byte[]> batches(List<Event> slice) {
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < slice.size(); from += batchSize) {
            StringBuilder json = new StringBuilder("{\"events\":[");
            for (int i = from; i < Math.min(slice.size(), from + batchSize); i++) {
                Event e = slice.get(i);
                if (i > from) {
                    json.append(',');
                }
                json.append("{\"id\":\"").append(e.id())
                        .append("\",\"occurredAt\":\"").append(e.at())
                        .append("\",\"deviceId\":\"").append(deviceId(e.user()))
                        .append("\",\"extensionVersion\":\"0.3.0\",\"type\":\"").append(e.type()).append('"');
                if (e.knownUser()) {
                    json.append(",\"user\":\"").append(userName(e.user())).append('"');
                }
                if (e.service() != null) {
                    json.append(",\"serviceKey\":\"").append(e.service()).append('"');
                }
                if (e.host() != null) {
                    json.append(",\"host\":\"").append(e.host()).append('"');
                }
                json.append(",\"action\":\"").append(e.action()).append('"');
                if (e.guidelineVersion() != null) {
                    json.append(",\"guidelineVersion\":").append(e.guidelineVersion());
                }
                if (e.group() != null) {
                    json.append(",\"groups\":[\"").append(e.group()).append("\"]");
                }
                json.append('}');
            }
            out.add(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    String copyText(List<Event> slice, String receivedAt) {
        StringBuilder text = new StringBuilder(slice.size() * 220);
        for (Event e : slice) {
            text.append(e.id()).append('\t')
                    .append(e.at()).append('\t')
                    .append(receivedAt).append('\t')
                    .append(tokenId).append('\t')
                    .append(deviceId(e.user())).append('\t')
                    .append(e.knownUser() ? userHashes[e.user()] : "\\N").append('\t')
                    .append("\\N").append('\t')
                    .append("0.3.0").append('\t')
                    .append(e.type()).append('\t')
                    .append(e.service() == null ? "\\N" : e.service()).append('\t')
                    .append(e.host() == null ? "\\N" : e.host()).append('\t')
                    .append(e.action()).append('\t')
                    .append(e.guidelineVersion() == null ? "\\N" : e.guidelineVersion().toString()).append('\t')
                    .append(e.group() == null ? "{}" : "{\"" + e.group() + "\"}").append('\n');
        }
        return text.toString();
    }

    /** One COPY per sender, each streaming its slice, all at once. */
    void copy(List<List<Event>> slices) throws Exception {
        String receivedAt = Instant.now().toString();
        List<String> texts = slices.stream().map(slice -> copyText(slice, receivedAt)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(slices.size());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (String text : texts) {
                done.add(pool.submit(() -> {
                    try (Connection connection = db.connect()) {
                        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                        Reader reader = new StringReader(text);
                        return copy.copyIn("copy client_event (" + COLUMNS + ") from stdin", reader);
                    }
                }));
            }
            for (Future<Long> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every sender posts its batches one after another over its own keep-alive connection; returns accepted,
     * duplicates and retried (429/503) answers. A plain socket with prepared request bytes, so that the load
     * generator takes as little as possible of the CPUs it shares with the server and PostgreSQL.
     */
    long[] post(List<List<byte[]>> bodies) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        Pattern counts = Pattern.compile("\"accepted\":(\\d+),\"duplicates\":(\\d+)");
        URI uri = URI.create(server);
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<byte[]> mine : bodies) {
                done.add(pool.submit(() -> {
                    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                        socket.setTcpNoDelay(true);
                        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                        InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                        for (byte[] body : mine) {
                            Answer answer = exchange(out, in, body);
                            while (answer.status() == 503 || answer.status() == 429) {
                                retried.incrementAndGet();
                                Thread.sleep(100);
                                answer = exchange(out, in, body);
                            }
                            Matcher m = counts.matcher(answer.body());
                            if (answer.status() != 202 || !m.find()) {
                                throw new IllegalStateException(answer.status() + " " + answer.body());
                            }
                            accepted.addAndGet(Long.parseLong(m.group(1)));
                            duplicates.addAndGet(Long.parseLong(m.group(2)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new long[] {accepted.get(), duplicates.get(), retried.get()};
    }

    record Answer(int status, String body) {}

    Answer exchange(OutputStream out, InputStream in, byte[] body) throws IOException {
        URI uri = URI.create(server);
        String head = "POST /api/v1/client/events HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + enrollmentToken
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        byte[] answer = in.readNBytes(length);
        return new Answer(status, new String(answer, StandardCharsets.UTF_8));
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    void emptyTables() throws SQLException {
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate client_event, event_rollup_pending, event_daily_count, event_active_subject,"
                    + " acknowledgement");
            statement.execute("checkpoint");
        }
    }

    /** CPU time so far of the server, of PostgreSQL (postmaster and backends) and of this program, from /proc. */
    record Cpu(double server, double postgres, double generator) {
        static final long SERVER = Long.parseLong(env("SERVER_PID", "0"));
        static final long POSTMASTER = Long.parseLong(env("POSTMASTER_PID", "0"));

        static Cpu now() {
            double server = 0;
            double postgres = 0;
            try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (var dir : processes.toList()) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] stat;
                    try {
                        String text = java.nio.file.Files.readString(dir.resolve("stat"));
                        stat = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    } catch (IOException e) {
                        continue;
                    }
                    long pid = Long.parseLong(name);
                    long parent = Long.parseLong(stat[1]);
                    double seconds = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
                    if (pid == POSTMASTER) {
                        // Backends that ended (the COPY connections) are counted with the postmaster.
                        seconds += (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / 100.0;
                    }
                    if (pid == SERVER) {
                        server += seconds;
                    } else if (pid == POSTMASTER || parent == POSTMASTER) {
                        postgres += seconds;
                    }
                }
            } catch (IOException e) {
                return new Cpu(0, 0, 0);
            }
            var self = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double generator = ((com.sun.management.OperatingSystemMXBean) self).getProcessCpuTime() / 1e9;
            return new Cpu(server, postgres, generator);
        }

        Cpu minus(Cpu before) {
            return new Cpu(server - before.server, postgres - before.postgres, generator - before.generator);
        }

        @Override
        public String toString() {
            return String.format("server %.1f, PostgreSQL %.1f, load generator %.1f", server, postgres, generator);
        }
    }

    static <T> List<List<T>> slices(List<T> all, int parts) {
        List<List<T>> out = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            out.add(all.subList(k * all.size() / parts, (k + 1) * all.size() / parts));
        }
        return out;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + what);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null && fallback == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value == null ? fallback : value;
    }
}
