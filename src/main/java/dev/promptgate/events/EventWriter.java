package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes event batches to PostgreSQL. Batches that arrive while a write is running are written together by the
 * next free writer, in one statement: a set-based insert from arrays with {@code ON CONFLICT DO NOTHING} (resent
 * events are not stored twice), which in the same statement marks the days for the rollup job and records
 * acknowledgements. One statement is one transaction: a write is stored whole or not at all. Coalescing batches
 * makes many small HTTP batches cost the database about what a few large ones do (docs/adr/0007-event-storage.md).
 */
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    /** Rows written in one statement at most (a single larger batch is still written whole). */
    static final int MAX_ROWS_PER_WRITE = 2000;
    /** Rows waiting to be written at most; beyond it batches are refused with 503 until the database catches up. */
    static final int MAX_QUEUED_ROWS = 100_000;
    /** Seconds a client should wait when the database is unavailable or behind. */
    public static final int RETRY_AFTER_SECONDS = 30;
    /** How long a replica goes by what it last read of identified mode, when nobody changed it here. */
    private static final long MODE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final int DEADLOCK_RETRIES = 3;

    static final String INSERT =
            """
            with input as (
              select * from unnest(?::uuid[], ?::timestamptz[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                                   ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[])
                as x(id, occurred_at, token_id, device_id, user_hash, user_name, extension_version, type,
                     service_key, host, action, guideline_version, groups)
            ), stored as (
              insert into client_event (id, occurred_at, received_at, token_id, device_id, user_hash, user_name,
                                        extension_version, type, service_key, host, action, guideline_version, groups)
              select id, occurred_at, now(), token_id, device_id, user_hash,
                     case when (select identified_users from event_settings where id = 1) then user_name end,
                     extension_version, type, service_key, host, action, guideline_version, groups::text[]
              from input
              on conflict do nothing
              returning id, occurred_at, device_id, user_hash, user_name, type, guideline_version, groups
            ), marked as (
              insert into event_rollup_pending (day)
              select distinct (occurred_at at time zone 'UTC')::date from stored
            ), acknowledged as (
              insert into acknowledgement (guideline_version, subject, user_hash, user_name, device_id, groups,
                                           acknowledged_at, event_id)
              select distinct on (guideline_version, subject)
                     guideline_version, subject, user_hash, user_name, device_id, groups, occurred_at, id
              from (select *, coalesce(user_hash, 'device:' || device_id) as subject from stored
                    where type = 'acknowledged' and guideline_version is not null) a
              order by guideline_version, subject, occurred_at desc
              on conflict (guideline_version, subject) do update
                set user_hash = excluded.user_hash, user_name = excluded.user_name, device_id = excluded.device_id,
                    groups = excluded.groups, acknowledged_at = excluded.acknowledged_at, event_id = excluded.event_id
                where excluded.acknowledged_at > acknowledgement.acknowledged_at
            )
            select id, occurred_at from stored
            """;

    private final AgroalDataSource dataSource;
    private final EventPartitions partitions;
    private final int writerCount;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedRows = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean identified;
    private volatile long identifiedCheckedAt = System.nanoTime() - MODE_CHECK_NANOS;

    EventWriter(AgroalDataSource dataSource, EventPartitions partitions, PromptgateConfig config) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.writerCount = config.events().writers();
    }

    /** A batch waiting to be written, and the answer its request waits for: how many of its rows were new. */
    private record Job(List<EventRow> rows, CompletableFuture<Integer> stored) {}

    void start(@Observes StartupEvent start) {
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread thread = new Thread(this::run, "promptgate-event-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        for (Thread thread : writers) {
            thread.join(5000);
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(unavailable("The server is shutting down"));
        }
    }

    /** Whether the stored events keep user identifiers (identified mode); read from the database now and then. */
    public boolean identifiedUsers() {
        return identified;
    }

    void identificationChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) IdentificationChanged change) {
        identified = change.identified();
        identifiedCheckedAt = System.nanoTime();
    }

    /** Queues rows for writing; completes with how many of them were new (the others were stored before). */
    public CompletableFuture<Integer> write(List<EventRow> rows) {
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        if (!running) {
            return CompletableFuture.failedFuture(unavailable("The server is not accepting events right now"));
        }
        if (queuedRows.addAndGet(rows.size()) > MAX_QUEUED_ROWS) {
            queuedRows.addAndGet(-rows.size());
            return CompletableFuture.failedFuture(unavailable("The database is behind; try again later"));
        }
        Job job = new Job(rows, new CompletableFuture<>());
        queue.add(job);
        return job.stored();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Job first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            List<Job> jobs = new ArrayList<>();
            jobs.add(first);
            int rows = first.rows().size();
            Job next;
            while (rows < MAX_ROWS_PER_WRITE && (next = queue.poll()) != null) {
                jobs.add(next);
                rows += next.rows().size();
            }
            queuedRows.addAndGet(-rows);
            writeTogether(jobs);
        }
    }

    private void writeTogether(List<Job> jobs) {
        try {
            Set<EventRow.Key> stored = insert(jobs);
            // A row that appears in two batches of one write counts as new for the first only.
            Set<EventRow.Key> claimed = new HashSet<>();
            for (Job job : jobs) {
                int added = 0;
                for (EventRow row : job.rows()) {
                    if (stored.contains(row.key()) && claimed.add(row.key())) {
                        added++;
                    }
                }
                job.stored().complete(added);
            }
        } catch (ProblemException.Unavailable e) {
            jobs.forEach(job -> job.stored().completeExceptionally(e));
        } catch (SQLException | RuntimeException e) {
            if (jobs.size() > 1) {
                // One batch may be at fault; the others should not fail with it.
                jobs.forEach(job -> writeTogether(List.of(job)));
            } else {
                jobs.get(0).stored().completeExceptionally(e);
            }
        }
    }

    private Set<EventRow.Key> insert(List<Job> jobs) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        jobs.forEach(job -> rows.addAll(job.rows()));
        boolean partitionsChecked = false;
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connect()) {
                refreshIdentified(connection);
                return insert(connection, rows);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (isUnavailable(state)) {
                    LOG.warnf("Events not stored, the database is unavailable: %s", e.getMessage());
                    throw unavailable("The database is unavailable; nothing of this batch was stored");
                }
                if (state.equals("23514") && !partitionsChecked) {
                    // No partition for a day: maintenance has not run since the day came into range.
                    partitionsChecked = true;
                    partitions.maintain();
                    continue;
                }
                if ((state.equals("40P01") || state.equals("40001")) && attempt < DEADLOCK_RETRIES) {
                    continue;
                }
                throw e;
            }
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            LOG.warnf("Events not stored, no database connection: %s", e.getMessage());
            throw unavailable("The database is unavailable; nothing of this batch was stored");
        }
    }

    private Set<EventRow.Key> insert(Connection connection, List<EventRow> rows) throws SQLException {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] occurredAt = new String[n];
        Long[] tokenIds = new Long[n];
        String[] deviceIds = new String[n];
        String[] userHashes = new String[n];
        String[] userNames = new String[n];
        String[] versions = new String[n];
        String[] types = new String[n];
        String[] serviceKeys = new String[n];
        String[] hosts = new String[n];
        String[] actions = new String[n];
        Integer[] guidelineVersions = new Integer[n];
        String[] groups = new String[n];
        boolean keepNames = identified;
        for (int i = 0; i < n; i++) {
            EventRow row = rows.get(i);
            ids[i] = row.id();
            occurredAt[i] = row.occurredAt().toString();
            tokenIds[i] = row.tokenId();
            deviceIds[i] = row.deviceId();
            userHashes[i] = row.userHash();
            userNames[i] = keepNames ? row.userName() : null;
            versions[i] = row.extensionVersion();
            types[i] = row.type();
            serviceKeys[i] = row.serviceKey();
            hosts[i] = row.host();
            actions[i] = row.action();
            guidelineVersions[i] = row.guidelineVersion();
            groups[i] = arrayLiteral(row.groups());
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            List<Array> arrays = List.of(
                    connection.createArrayOf("uuid", ids),
                    connection.createArrayOf("text", occurredAt),
                    connection.createArrayOf("int8", tokenIds),
                    connection.createArrayOf("text", deviceIds),
                    connection.createArrayOf("text", userHashes),
                    connection.createArrayOf("text", userNames),
                    connection.createArrayOf("text", versions),
                    connection.createArrayOf("text", types),
                    connection.createArrayOf("text", serviceKeys),
                    connection.createArrayOf("text", hosts),
                    connection.createArrayOf("text", actions),
                    connection.createArrayOf("int4", guidelineVersions),
                    connection.createArrayOf("text", groups));
            for (int i = 0; i < arrays.size(); i++) {
                insert.setArray(i + 1, arrays.get(i));
            }
            Set<EventRow.Key> stored = new HashSet<>();
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    stored.add(new EventRow.Key(
                            result.getObject(1, UUID.class),
                            result.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
            return stored;
        }
    }

    private void refreshIdentified(Connection connection) throws SQLException {
        if (System.nanoTime() - identifiedCheckedAt < MODE_CHECK_NANOS) {
            return;
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select identified_users from event_settings where id = 1")) {
            identified = result.next() && result.getBoolean(1);
            identifiedCheckedAt = System.nanoTime();
        }
    }

    /** A PostgreSQL array literal of strings, every element quoted. */
    static String arrayLiteral(List<String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** Connection failures, shutdowns and exhaustion: the database cannot take the batch now, but will. */
    static boolean isUnavailable(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P");
    }

    static ProblemException.Unavailable unavailable(String detail) {
        return new ProblemException.Unavailable(detail, RETRY_AFTER_SECONDS);
    }

    /** Fired when an admin switches identified mode; writers on this replica follow at once. */
    public record IdentificationChanged(boolean identified) {}
}
