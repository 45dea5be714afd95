package dev.promptgate.events.report;

import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.DiscoveredHosts;
import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import dev.promptgate.events.EventTypes;
import dev.promptgate.events.HostNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** AI sites in use that the catalog does not cover, and adding one of them to the catalog. */
@ApplicationScoped
public class ShadowAiReports {

    private final Database database;
    private final DiscoveredHosts discovered;

    ShadowAiReports(Database database, DiscoveredHosts discovered) {
        this.database = database;
        this.discovered = discovered;
    }

    public ShadowAiReport shadowAi(ReportFilters.DayRange range, GroupRef group, int limit) {
        Predicate<String> inCatalog = discovered.coveredNow();
        List<ShadowAiReport.Host> hosts = database.call(connection -> {
            Sql sql = new Sql("select host, " + RollupSql.count(RollupSql.ALL_TYPES) + ", "
                            + RollupSql.count(EventTypes.VISIT) + ","
                            + " " + RollupSql.count(EventTypes.BLOCKED) + ", max(subjects) filter (where type = '*'),"
                            + " count(*) filter (where type = '*'), min(day), max(day)"
                            + " from event_daily_count")
                    .filter("grp = ?", RollupSql.group(group))
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .require("service_key = '' and host <> ''")
                    .append(" group by host order by 2 desc, host");
            List<ShadowAiReport.Host> rows = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next() && rows.size() < limit) {
                    String host = r.getString(1);
                    if (!inCatalog.test(host)) {
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

    /** Adds a discovered host to the catalog as a custom service, through the catalog's own operation. */
    public AiService addToCatalog(String rawHost, NewCatalogEntry entry) {
        String host;
        try {
            host = HostNames.normalize(rawHost);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("host", e.getMessage());
        }
        NewCatalogEntry given = entry != null ? entry : new NewCatalogEntry(null, null, null, null, null);
        return discovered.add(
                host,
                new DiscoveredHosts.Details(given.key(), given.name(), given.vendor(), given.category(), given.risk()));
    }
}
