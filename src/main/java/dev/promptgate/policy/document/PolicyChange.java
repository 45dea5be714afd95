package dev.promptgate.policy.document;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One difference between the stored policy and a document: what is added, updated or removed. {@code before}
 * and {@code after} are the parts of the documents concerned (absent on add and remove respectively).
 *
 * <p>Keys: a settings field name; a group name; a service key; {@code organization/<service>} or
 * {@code group:<name>/<service>} for rules; {@code organization/<pattern>} or {@code group:<name>/<pattern>} for
 * list entries, as the policy preview names scopes; {@code current} for the guidelines; for data protection
 * {@code settings}, {@code builtin/<id>}, {@code custom/<name>}, {@code uploads/organization} or
 * {@code uploads/group:<name>}.
 */
public record PolicyChange(Op op, Kind kind, String key, Object before, Object after) {

    @Schema(name = "PolicyChangeOp")
    public enum Op {
        @JsonProperty("add")
        ADD,
        @JsonProperty("update")
        UPDATE,
        @JsonProperty("remove")
        REMOVE
    }

    /** The sections of the document, in the order changes are listed. */
    @Schema(name = "PolicyChangeKind")
    public enum Kind {
        @JsonProperty("settings")
        SETTINGS,
        @JsonProperty("group")
        GROUP,
        @JsonProperty("service")
        SERVICE,
        @JsonProperty("rule")
        RULE,
        @JsonProperty("blocklist")
        BLOCKLIST,
        @JsonProperty("allowlist")
        ALLOWLIST,
        @JsonProperty("tenantRestriction")
        TENANT_RESTRICTION,
        @JsonProperty("dataProtection")
        DATA_PROTECTION,
        @JsonProperty("guidelines")
        GUIDELINES
    }

    static final String GUIDELINES_KEY = "current";

    /**
     * What identifies a rule or a list entry: its group (null for the whole organization) and its service key or
     * pattern. Written as a change key with the scope as the policy preview names it: {@code organization/<item>}
     * or {@code group:<name>/<item>}. Organization-wide ones sort first.
     */
    record Scoped(String group, String item) implements Comparable<Scoped> {

        private static final Comparator<Scoped> ORDER = Comparator.comparing(
                        Scoped::group, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Scoped::item);

        @Override
        public int compareTo(Scoped other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return (group == null ? "organization" : "group:" + group) + "/" + item;
        }
    }
}
