package dev.promptgate.events;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The day partitions of {@code client_event}: one per UTC day, from the oldest day the retention period keeps to
 * {@code partitions-ahead} days after today. Older partitions are dropped whole (no row-by-row delete), together
 * with the rollups of those days. Replicas take turns through an advisory lock.
 */
@ApplicationScoped
public class EventPartitions {

    private static final Logger LOG = Logger.getLogger(EventPartitions.class);
    static final String PREFIX = "client_event_p";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{8})");

    private final EntityManager em;
    private final PromptgateConfig config;

    EventPartitions(EntityManager em, PromptgateConfig config) {
        this.em = em;
        this.config = config;
    }

    /** What one maintenance run did. */
    public record Maintenance(List<LocalDate> created, List<LocalDate> dropped) {}

    /** Maintains the partitions as of today (UTC). */
    public Maintenance maintain() {
        return maintain(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Creates the missing partitions from the oldest kept day to {@code today} plus the days ahead, and drops the
     * partitions, rollups and acknowledgements past the retention period.
     */
    @Transactional
    public Maintenance maintain(LocalDate today) {
        AdvisoryLock.EVENT_PARTITIONS.holdUntilCommit(em);
        LocalDate oldestKept = today.minusDays(config.events().retentionDays() - 1L);
        LocalDate last = today.plusDays(config.events().partitionsAhead());
        Set<LocalDate> existing = existingDays();
        List<LocalDate> created = new ArrayList<>();
        for (LocalDate day = oldestKept; !day.isAfter(last); day = day.plusDays(1)) {
            if (!existing.contains(day)) {
                create(day);
                created.add(day);
            }
        }
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : existing) {
            if (day.isBefore(oldestKept)) {
                em.createNativeQuery("drop table " + name(day)).executeUpdate();
                dropped.add(day);
            }
        }
        dropDerivedBefore(oldestKept);
        if (!created.isEmpty() || !dropped.isEmpty()) {
            LOG.infof(
                    "Event partitions: created %d, dropped %d (keeping %s to %s)",
                    created.size(), dropped.size(), oldestKept, last);
        }
        return new Maintenance(created, dropped);
    }

    /** The days that have a partition now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<LocalDate> existingDays() {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select c.relname from pg_inherits i"
                        + " join pg_class c on c.oid = i.inhrelid"
                        + " join pg_class p on p.oid = i.inhparent"
                        + " where p.relname = 'client_event' and p.relnamespace = to_regnamespace(current_schema())")
                .getResultList();
        Set<LocalDate> days = new TreeSet<>();
        for (String name : names) {
            Matcher matcher = NAME.matcher(name);
            if (matcher.matches()) {
                try {
                    days.add(LocalDate.parse(matcher.group(1), SUFFIX));
                } catch (DateTimeParseException e) {
                    LOG.warnf("Ignoring partition %s: its name is not a date", name);
                }
            }
        }
        return days;
    }

    static String name(LocalDate day) {
        return PREFIX + SUFFIX.format(day);
    }

    private void create(LocalDate day) {
        em.createNativeQuery("create table " + name(day) + " partition of client_event for values from ('" + day
                        + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')")
                .executeUpdate();
    }

    /**
     * Rollups and pending marks of dropped days go with them. Acknowledgements are kept as long as the retention
     * period or the organization's acknowledge-every-days, whichever is longer, so coverage never loses an
     * acknowledgement that still counts.
     */
    private void dropDerivedBefore(LocalDate oldestKept) {
        for (String table : List.of("event_daily_count", "dlp_daily_count", "event_rollup_pending")) {
            em.createNativeQuery("delete from " + table + " where day < ?1")
                    .setParameter(1, oldestKept)
                    .executeUpdate();
        }
        em.createNativeQuery("update event_active_subject set days = days - datemultirange(daterange(null, ?1, '[)'))"
                        + " where days && daterange(null, ?1, '[)')")
                .setParameter(1, oldestKept)
                .executeUpdate();
        em.createNativeQuery("delete from event_active_subject where isempty(days)")
                .executeUpdate();
        int acknowledgeEveryDays = ((Number) em.createNativeQuery(
                                "select coalesce((select acknowledge_every_days from org_settings where id = 1), 0)")
                        .getSingleResult())
                .intValue();
        LocalDate oldestAcknowledgement = oldestKept.minusDays(
                Math.max(0, acknowledgeEveryDays - config.events().retentionDays()));
        em.createNativeQuery("delete from acknowledgement where acknowledged_at < ?1")
                .setParameter(
                        1, oldestAcknowledgement.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .executeUpdate();
    }
}
