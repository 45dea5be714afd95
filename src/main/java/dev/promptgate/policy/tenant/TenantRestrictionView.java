package dev.promptgate.policy.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.promptgate.api.Versioned;
import dev.promptgate.catalog.FactSource;
import dev.promptgate.catalog.TenantMechanism;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A service's tenant restriction as the admin API shows it: the vendor's mechanism from the catalog, the
 * organization's setting (null when none is set) and the groups' overrides. The ETag is the organization setting's
 * version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantRestrictionView(
        String serviceKey,
        String serviceName,
        Mechanism mechanism,
        Organization organization,
        List<GroupOverride> groups,
        long version)
        implements Versioned {

    /** The vendor's header, from the built-in catalog, with its source. */
    public record Mechanism(
            String header,
            String idName,
            String idFormat,
            int maxIds,
            List<String> hosts,
            List<String> resourceTypes,
            List<String> blockedWhenOn,
            String whereToFindId,
            String refusal,
            FactSource source) {

        static Mechanism of(TenantMechanism m) {
            return new Mechanism(
                    m.header(),
                    m.idName(),
                    m.idFormat().description(),
                    m.maxIds(),
                    m.hosts(),
                    m.resourceTypes(),
                    m.blockedWhenOn(),
                    m.whereToFindId(),
                    m.refusal(),
                    m.source());
        }
    }

    /** The organization's setting: the allowed ids, and whether the header is set for people in no override. */
    public record Organization(String serviceKey, boolean enabled, List<String> allowedIds, long version)
            implements Versioned {

        static Organization of(TenantRestriction r) {
            return new Organization(r.serviceKey, r.enabled, List.copyOf(r.allowedIds), r.version);
        }
    }

    /** A group's override: the organization's ids on or off for the group's people. */
    public record GroupOverride(String serviceKey, long groupId, String groupName, boolean enabled, long version)
            implements Versioned {

        static GroupOverride of(TenantRestriction r) {
            return new GroupOverride(r.serviceKey, r.group.id, r.group.name, r.enabled, r.version);
        }
    }

    /** The organization's setting as an admin writes it. */
    public record Input(
            @NotNull Boolean enabled,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Size(max = 300) String> allowedIds) {

        public static Input of(TenantRestriction r) {
            return new Input(r.enabled, List.copyOf(r.allowedIds));
        }
    }

    /** A group's override as an admin writes it. */
    public record GroupInput(@NotNull Boolean enabled) {}
}
