package dev.promptgate.events;

import dev.promptgate.db.AdvisoryLock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the rollups that reports read up to date: {@code event_daily_count} (per day, group, service or host
 * and type), {@code event_active_subject} (per group and person, the days they were active) and
 * {@code dlp_daily_count} (data-protection detections per day, group, detector, service, action and outcome).
 * Ingest only appends a mark for each day it stored events for; this job recomputes those days from the events,
 * exactly, and replaces their rollups. Recomputing a whole day is idempotent, needs no counters that concurrent
 * batches would contend for, and cannot drift (see docs/adr/0007-event-storage.md).
 *
 * <p>A day's marks are deleted before the day is read, in the same transaction: a batch that commits meanwhile
 * leaves a mark of its own, so its day is recomputed again on the next run.
 */
@ApplicationScoped
public class EventRollups {

    /** People are counted by user pseudonym, or by device for events that named no user. */
    static final String SUBJECT = "coalesce(user_hash, 'device:' || device_id)";

    /** A day's recomputation waits this many times as long as the last one took (per replica). */
    static final long RUNS_BETWEEN = 20;

    private final EntityManager em;
    private final Map<LocalDate, Long> notBefore = new ConcurrentHashMap<>();

    EventRollups(EntityManager em) {
        this.em = em;
    }

    /** Recomputes every day that has new events, now; returns those days. */
    public List<LocalDate> refresh() {
        return refresh(false);
    }

    /**
     * What the scheduled job runs: like {@link #refresh()}, except that a day is recomputed again only after
     * {@link #RUNS_BETWEEN} times as long as its last recomputation took. A busy day (millions of events) is then
     * refreshed less often than a quiet one, and recomputing takes at most about a twentieth of the database's
     * time, however large days get.
     */
    public List<LocalDate> refreshDue() {
        return refresh(true);
    }

    private List<LocalDate> refresh(boolean onlyDue) {
        List<LocalDate> days = QuarkusTransaction.requiringNew().call(this::pendingDays);
        List<LocalDate> refreshed = new ArrayList<>();
        for (LocalDate day : days) {
            long started = System.nanoTime();
            if (onlyDue && started < notBefore.getOrDefault(day, Long.MIN_VALUE)) {
                continue;
            }
            if (QuarkusTransaction.requiringNew().call(() -> refreshDay(day))) {
                refreshed.add(day);
                long took = System.nanoTime() - started;
                notBefore.put(day, System.nanoTime() + RUNS_BETWEEN * took);
            }
        }
        notBefore
                .keySet()
                .removeIf(day -> !days.contains(day)
                        && day.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        return refreshed;
    }

    @SuppressWarnings("unchecked")
    private List<LocalDate> pendingDays() {
        return em.createNativeQuery("select distinct day from event_rollup_pending order by day", LocalDate.class)
                .getResultList();
    }

    private boolean refreshDay(LocalDate day) {
        AdvisoryLock.EVENT_ROLLUPS.holdUntilCommit(em);
        int marks = em.createNativeQuery("delete from event_rollup_pending where day = ?1")
                .setParameter(1, day)
                .executeUpdate();
        if (marks == 0) {
            return false;
        }
        OffsetDateTime from = day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
        OffsetDateTime to = from.plusDays(1);
        em.createNativeQuery("delete from event_daily_count where day = ?1")
                .setParameter(1, day)
                .executeUpdate();
        // The day leaves everyone's active days, and comes back for those active on it.
        em.createNativeQuery("update event_active_subject set days = days - datemultirange(daterange(?1, ?1, '[]'))"
                        + " where days @> cast(?1 as date)")
                .setParameter(1, day)
                .executeUpdate();
        em.createNativeQuery(
                        "insert into event_daily_count (grp, day, service_key, host, type, events, subjects)"
                                + " select g.grp, cast(?1 as date), e.service_key, e.host, coalesce(e.type, '*'), count(*),"
                                + " count(distinct e.subject)"
                                + " from (select coalesce(service_key, '') as service_key,"
                                + "   case when service_key is null then coalesce(host, '') else '' end as host,"
                                + "   type, " + SUBJECT + " as subject, groups"
                                + "   from client_event where occurred_at >= ?2 and occurred_at < ?3) e"
                                + " cross join lateral unnest(array[''] || e.groups) as g(grp)"
                                + " group by grouping sets ((g.grp, e.service_key, e.host, e.type), (g.grp, e.service_key, e.host))")
                .setParameter(1, day)
                .setParameter(2, from)
                .setParameter(3, to)
                .executeUpdate();
        em.createNativeQuery("insert into event_active_subject (grp, subject, days)"
                        + " select distinct g.grp, " + SUBJECT + ", datemultirange(daterange(?1, ?1, '[]'))"
                        + " from client_event e cross join lateral unnest(array[''] || e.groups) as g(grp)"
                        + " where occurred_at >= ?2 and occurred_at < ?3 and type <> '" + EventTypes.POLICY_APPLIED
                        + "' on conflict (grp, subject) do update set days = event_active_subject.days + excluded.days")
                .setParameter(1, day)
                .setParameter(2, from)
                .setParameter(3, to)
                .executeUpdate();
        em.createNativeQuery("delete from event_active_subject where isempty(days)")
                .executeUpdate();
        refreshDetections(day, from, to);
        return true;
    }

    /** Detections per group, detector, service, action and outcome: the data-protection report's rollup. */
    private void refreshDetections(LocalDate day, OffsetDateTime from, OffsetDateTime to) {
        em.createNativeQuery("delete from dlp_daily_count where day = ?1")
                .setParameter(1, day)
                .executeUpdate();
        em.createNativeQuery("insert into dlp_daily_count (grp, day, detector, service_key, action, outcome, events)"
                        + " select g.grp, cast(?1 as date), e.dlp_detector, coalesce(e.service_key, ''), e.action,"
                        + " e.dlp_outcome, count(*)"
                        + " from client_event e cross join lateral unnest(array[''] || e.groups) as g(grp)"
                        + " where occurred_at >= ?2 and occurred_at < ?3 and type = '" + EventTypes.DLP_DETECTED + "'"
                        + " group by g.grp, e.dlp_detector, coalesce(e.service_key, ''), e.action, e.dlp_outcome")
                .setParameter(1, day)
                .setParameter(2, from)
                .setParameter(3, to)
                .executeUpdate();
    }
}
