package dev.promptgate.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the daily rollups that reports read ({@code event_daily_count}, {@code event_daily_active}) up to date.
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

    private final EntityManager em;

    EventRollups(EntityManager em) {
        this.em = em;
    }

    /** Recomputes every day that has new events; returns those days. */
    public List<LocalDate> refresh() {
        List<LocalDate> days = QuarkusTransaction.requiringNew().call(this::pendingDays);
        List<LocalDate> refreshed = new ArrayList<>();
        for (LocalDate day : days) {
            if (QuarkusTransaction.requiringNew().call(() -> refreshDay(day))) {
                refreshed.add(day);
            }
        }
        return refreshed;
    }

    @SuppressWarnings("unchecked")
    private List<LocalDate> pendingDays() {
        return em.createNativeQuery("select distinct day from event_rollup_pending order by day", LocalDate.class)
                .getResultList();
    }

    private boolean refreshDay(LocalDate day) {
        em.createNativeQuery("select pg_advisory_xact_lock(7236007)").getSingleResult();
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
        em.createNativeQuery("delete from event_daily_active where day = ?1")
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
        em.createNativeQuery("insert into event_daily_active (grp, day, subject)"
                        + " select distinct g.grp, cast(?1 as date), " + SUBJECT
                        + " from client_event e cross join lateral unnest(array[''] || e.groups) as g(grp)"
                        + " where occurred_at >= ?2 and occurred_at < ?3 and type <> '" + EventTypes.POLICY_APPLIED
                        + "'")
                .setParameter(1, day)
                .setParameter(2, from)
                .setParameter(3, to)
                .executeUpdate();
        return true;
    }
}
