package dev.promptgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records admin writes and answers audit queries. */
@ApplicationScoped
public class AuditLog {

    private final ObjectMapper json;
    private final CurrentActor actor;

    AuditLog(ObjectMapper json, CurrentActor actor) {
        this.json = json;
        this.actor = actor;
    }

    /**
     * Records a change made by the current caller. Must run inside the transaction of the change, so that both
     * commit or neither does. Nothing else depends on the entry: a change browsers must see is announced by the
     * service that made it, with a typed event from {@code dev.promptgate.change}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String entityType, Object entityId, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.at = Instant.now();
        entry.actor = actor.name();
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = entityId == null ? null : entityId.toString();
        entry.before = toJson(before);
        entry.after = toJson(after);
        entry.persist();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> search(AuditQuery query, PageParams paging) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (query.actor() != null) {
            where.add("actor = :actor");
            params.and("actor", query.actor());
        }
        if (query.entityType() != null) {
            where.add("entityType = :entityType");
            params.and("entityType", query.entityType());
        }
        if (query.entityId() != null) {
            where.add("entityId = :entityId");
            params.and("entityId", query.entityId());
        }
        if (query.action() != null) {
            where.add("action = :action");
            params.and("action", query.action());
        }
        if (query.from() != null) {
            where.add("at >= :from");
            params.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("at < :to");
            params.and("to", query.to());
        }
        var found = AuditEntry.find(String.join(" and ", where), Sort.descending("at", "id"), params)
                .page(paging.page, paging.size);
        return new Page<>(found.list(), paging.page, paging.size, found.count());
    }

    private JsonNode toJson(Object value) {
        return value == null ? null : json.valueToTree(value);
    }

    /** Filters of an audit search; null means any. {@code to} is exclusive. */
    public record AuditQuery(
            String actor, String entityType, String entityId, String action, Instant from, Instant to) {}
}
