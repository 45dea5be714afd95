package dev.promptgate.events.report;

import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.events.Database;
import dev.promptgate.events.EventTypes;
import dev.promptgate.events.HostNames;
import dev.promptgate.events.Sql;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.guideline.GuidelineService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports read the daily rollups only ({@code event_daily_count}, {@code event_daily_active}), never the events,
 * so they answer in milliseconds however many events are kept. Days are UTC days; the rollups trail ingest by up
 * to {@code promptgate.events.rollup-interval}.
 */
@ApplicationScoped
public class ReportService {

    /** The longest range a report covers. */
    static final int MAX_DAYS = 366;
    /** The range a report covers when none is given: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;

    private static final String EVERYONE = "";
    private static final String ALL_TYPES = "*";

    private final Database database;
    private final CatalogService catalog;
    private final GuidelineService guidelines;

    ReportService(Database database, CatalogService catalog, GuidelineService guidelines) {
        this.database = database;
        this.catalog = catalog;
        this.guidelines = guidelines;
    }

    /** A report's days, both included. */
    public record DayRange(LocalDate from, LocalDate to) {}

    public DayRange range(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1L);
        if (start.isAfter(end)) {
            throw new ProblemException.InvalidInput("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new ProblemException.InvalidInput("from", "a report covers at most " + MAX_DAYS + " days");
        }
        return new DayRange(start, end);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupRef group(Long groupId) {
        if (groupId == null) {
            return null;
        }
        PolicyGroup group = PolicyGroup.findById(groupId);
        if (group == null) {
            throw new ProblemException.InvalidInput("groupId", "no group " + groupId);
        }
        return new GroupRef(group.id, group.name);
    }

    public UsageReport usage(DayRange range, GroupRef group, String serviceKey) {
        Map<String, String> names = serviceNames();
        List<UsageReport.Day> days = database.call(connection -> {
            Sql sql = new Sql("select day, service_key,"
                            + " " + count(EventTypes.VISIT) + ", max(subjects) filter (where type = '*'),"
                            + " " + count(EventTypes.WARNED) + ", " + count(EventTypes.PROCEEDED) + ","
                            + " " + count(EventTypes.ACKNOWLEDGED) + ", " + count(EventTypes.BLOCKED) + ","
                            + " " + count(EventTypes.REMINDER_SHOWN) + ", " + count(EventTypes.REMINDER_DONE) + ","
                            + " " + count(ALL_TYPES)
                            + " from event_daily_count")
                    .filter("grp = ?", groupName(group))
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .require("service_key <> ''")
                    .filter("service_key = ?", serviceKey)
                    .append(" group by day, service_key order by day, service_key");
            List<UsageReport.Day> rows = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(2);
                    rows.add(new UsageReport.Day(
                            r.getObject(1, LocalDate.class),
                            key,
                            names.get(key),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getLong(6),
                            r.getLong(7),
                            r.getLong(8),
                            r.getLong(9),
                            r.getLong(10),
                            r.getLong(11)));
                }
            }
            return rows;
        });
        return new UsageReport(range.from(), range.to(), group, days, totals(days));
    }

    public ShadowAiReport shadowAi(DayRange range, GroupRef group, int limit) {
        List<UrlFilter> known = catalogFilters();
        List<ShadowAiReport.Host> hosts = database.call(connection -> {
            Sql sql = new Sql("select host, " + count(ALL_TYPES) + ", " + count(EventTypes.VISIT) + ","
                            + " " + count(EventTypes.BLOCKED) + ", max(subjects) filter (where type = '*'),"
                            + " count(*) filter (where type = '*'), min(day), max(day)"
                            + " from event_daily_count")
                    .filter("grp = ?", groupName(group))
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .require("service_key = '' and host <> ''")
                    .append(" group by host order by 2 desc, host");
            List<ShadowAiReport.Host> rows = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next() && rows.size() < limit) {
                    String host = r.getString(1);
                    if (!inCatalog(host, known)) {
                        rows.add(new ShadowAiReport.Host(
                                host,
                                r.getLong(2),
                                r.getLong(3),
                                r.getLong(4),
                                r.getLong(5),
                                r.getInt(6),
                                r.getObject(7, LocalDate.class),
                                r.getObject(8, LocalDate.class)));
                    }
                }
            }
            return rows;
        });
        return new ShadowAiReport(range.from(), range.to(), group, hosts);
    }

    public CoverageReport coverage(Integer guidelineVersion, DayRange range, GroupRef group) {
        int version = guidelineVersion != null ? guidelineVersion : currentGuidelineVersion();
        Map<String, Long> groupIds = groupIdsByName();
        record Row(String group, long active, long acknowledged) {}
        List<Row> rows = database.call(connection -> {
            Sql sql = new Sql("select a.grp, count(*), count(k.subject) from (select distinct grp, subject"
                            + " from event_daily_active")
                    .filter("grp = ?", group == null ? null : group.name())
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .append(
                            ") a left join acknowledgement k on k.guideline_version = ? and k.subject = a.subject"
                                    + " group by a.grp order by a.grp",
                            version);
            List<Row> found = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    found.add(new Row(r.getString(1), r.getLong(2), r.getLong(3)));
                }
            }
            return found;
        });
        String overall = group == null ? EVERYONE : group.name();
        Row total = rows.stream()
                .filter(row -> row.group().equals(overall))
                .findFirst()
                .orElse(new Row(overall, 0, 0));
        List<CoverageReport.GroupCoverage> perGroup = rows.stream()
                .filter(row -> !row.group().equals(EVERYONE))
                .map(row -> new CoverageReport.GroupCoverage(
                        groupIds.get(row.group()),
                        row.group(),
                        row.active(),
                        row.acknowledged(),
                        CoverageReport.ratio(row.acknowledged(), row.active())))
                .toList();
        return new CoverageReport(
                version,
                range.from(),
                range.to(),
                group,
                total.active(),
                total.acknowledged(),
                CoverageReport.ratio(total.acknowledged(), total.active()),
                perGroup);
    }

    /** Adds a discovered host to the catalog as a custom service (audited by the catalog). */
    @Transactional
    public AiService addToCatalog(String rawHost, NewCatalogEntry entry) {
        String host;
        try {
            host = HostNames.normalize(rawHost);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("host", e.getMessage());
        }
        Optional<AiService> covering = catalog.listAll().stream()
                .filter(service -> inCatalog(host, filtersOf(service)))
                .findFirst();
        if (covering.isPresent()) {
            throw new ProblemException.Conflict(
                    "'" + host + "' is already in the catalog as '" + covering.get().key + "'");
        }
        NewCatalogEntry given = entry != null ? entry : new NewCatalogEntry(null, null, null, null, null);
        String key = given.key() != null ? given.key() : keyFor(host);
        if (catalog.find(key).isPresent()) {
            throw new ProblemException.Conflict("A service with the key '" + key + "' exists; choose another key");
        }
        var definition = new ServiceDefinition(
                given.name() != null ? given.name() : host,
                given.vendor() != null ? given.vendor() : domainOf(host),
                given.category() != null ? given.category() : AiService.Category.TEXT,
                given.risk() != null ? given.risk() : AiService.Risk.MEDIUM,
                List.of(host),
                List.of(),
                new ServiceDefinition.DataPolicy(true, null, List.of(), null, null, null, null),
                true);
        return catalog.save(key, null, definition).service();
    }

    static String keyFor(String host) {
        String key =
                host.replaceFirst("^www\\.", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        key = key.length() > 63 ? key.substring(0, 63).replaceAll("-+$", "") : key;
        return key.isEmpty() ? "service" : key;
    }

    static String domainOf(String host) {
        String[] labels = host.split("\\.");
        return labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static String count(String type) {
        return "coalesce(sum(events) filter (where type = '" + type + "'), 0)";
    }

    private static String groupName(GroupRef group) {
        return group == null ? EVERYONE : group.name();
    }

    private static List<UsageReport.Total> totals(List<UsageReport.Day> days) {
        Map<String, UsageReport.Total> totals = new LinkedHashMap<>();
        days.stream()
                .sorted(Comparator.comparing(UsageReport.Day::serviceKey))
                .forEach(d -> totals.merge(
                        d.serviceKey(),
                        new UsageReport.Total(
                                d.serviceKey(),
                                d.serviceName(),
                                d.visits(),
                                d.users(),
                                d.warned(),
                                d.proceeded(),
                                d.acknowledged(),
                                d.blocked(),
                                d.remindersShown(),
                                d.remindersDone(),
                                d.events()),
                        (a, b) -> new UsageReport.Total(
                                a.serviceKey(),
                                a.serviceName(),
                                a.visits() + b.visits(),
                                Math.max(a.peakDailyUsers(), b.peakDailyUsers()),
                                a.warned() + b.warned(),
                                a.proceeded() + b.proceeded(),
                                a.acknowledged() + b.acknowledged(),
                                a.blocked() + b.blocked(),
                                a.remindersShown() + b.remindersShown(),
                                a.remindersDone() + b.remindersDone(),
                                a.events() + b.events())));
        return totals.values().stream()
                .sorted(Comparator.comparingLong(UsageReport.Total::events)
                        .reversed()
                        .thenComparing(UsageReport.Total::serviceKey))
                .toList();
    }

    private Map<String, String> serviceNames() {
        Map<String, String> names = new HashMap<>();
        catalog.listAll().forEach(service -> names.put(service.key, service.name));
        return names;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Map<String, Long> groupIdsByName() {
        Map<String, Long> ids = new HashMap<>();
        PolicyGroup.<PolicyGroup>listAll().forEach(group -> ids.put(group.name, group.id));
        return ids;
    }

    private int currentGuidelineVersion() {
        return guidelines
                .findCurrent()
                .map(guideline -> guideline.guidelineVersion)
                .orElseThrow(() -> new ProblemException.InvalidInput(
                        "guidelineVersion", "no guideline is published yet; name the version to report on"));
    }

    private List<UrlFilter> catalogFilters() {
        List<UrlFilter> filters = new ArrayList<>();
        catalog.listAll().forEach(service -> filters.addAll(filtersOf(service)));
        return filters;
    }

    private static List<UrlFilter> filtersOf(AiService service) {
        List<UrlFilter> filters = new ArrayList<>();
        for (String pattern : service.hosts) {
            try {
                filters.add(UrlFilter.parse(pattern));
            } catch (InvalidUrlFilterException e) {
                // A pattern the catalog accepted earlier and no longer parses covers nothing.
            }
        }
        return filters;
    }

    private static boolean inCatalog(String host, List<UrlFilter> filters) {
        URI page = URI.create("https://" + host + "/");
        return filters.stream().anyMatch(filter -> filter.matches(page));
    }
}
