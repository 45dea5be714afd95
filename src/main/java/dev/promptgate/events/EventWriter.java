package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.Database;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes event batches to PostgreSQL. Batches that arrive while a write is running are written together by the
 * next free writer, in one transaction ({@link EventLoader}): COPY when nothing of them is stored yet, an
 * {@code INSERT ... ON CONFLICT DO NOTHING} when something is (a resend). A write is stored whole or not at all.
 * Coalescing batches makes many small HTTP batches cost the database about what a few large ones do
 * (docs/adr/0007-event-storage.md).
 */
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    /** Rows written in one statement at most (a single larger batch is still written whole). */
    static final int MAX_ROWS_PER_WRITE = 2000;
    /** Rows waiting to be written at most; beyond it batches are refused with 503 until the database catches up. */
    static final int MAX_QUEUED_ROWS = 100_000;
    /** Seconds a client should wait when the database is unavailable or behind. */
    /** How long a replica goes by what it last read of identified mode, when nobody changed it here. */
    static final Duration MODE_CHECK = Duration.ofSeconds(5);

    private static final long MODE_CHECK_NANOS = MODE_CHECK.toNanos();

    private static final int DEADLOCK_RETRIES = 3;

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
            left.stored().completeExceptionally(Database.unavailable("The server is shutting down"));
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
            return CompletableFuture.failedFuture(Database.unavailable("The server is not accepting events right now"));
        }
        if (queuedRows.addAndGet(rows.size()) > MAX_QUEUED_ROWS) {
            queuedRows.addAndGet(-rows.size());
            return CompletableFuture.failedFuture(Database.unavailable("The database is behind; try again later"));
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
                    if (stored == null || (stored.contains(row.key()) && claimed.add(row.key()))) {
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
                if (Database.isUnavailable(state)) {
                    LOG.warnf("Events not stored, the database is unavailable: %s", e.getMessage());
                    throw Database.unavailable("The database is unavailable; nothing of this batch was stored");
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
            throw Database.unavailable("The database is unavailable; nothing of this batch was stored");
        }
    }

    /**
     * Stores the rows: with COPY when none is stored yet, the usual case; otherwise (a resend) with the statement
     * that skips what exists. Returns the keys of the rows stored now, or null when all of them were.
     */
    private Set<EventRow.Key> insert(Connection connection, List<EventRow> rows) throws SQLException {
        try {
            EventLoader.copy(connection, rows, identified);
            return null;
        } catch (SQLException e) {
            if (!EventLoader.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        return EventLoader.insertNew(connection, rows, identified);
    }

    private void refreshIdentified(Connection connection) throws SQLException {
        if (System.nanoTime() - identifiedCheckedAt < MODE_CHECK_NANOS) {
            return;
        }
        identified = EventSettings.identifiedUsers(connection);
        identifiedCheckedAt = System.nanoTime();
    }

    /** Fired when an admin switches identified mode; writers on this replica follow at once. */
    public record IdentificationChanged(boolean identified) {}
}
