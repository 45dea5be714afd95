package dev.promptgate.catalog;

import java.util.List;

/**
 * How a vendor lets an organization restrict its service to the organization's own accounts: a request header
 * naming the allowed workspace, organization or tenant ids, which the vendor checks on the hosts listed here. Part
 * of the built-in catalog, with the vendor's page it was read from and when.
 *
 * @param header the request header's name
 * @param idName what the vendor calls the id ("workspace id", "organization id", …)
 * @param idFormat the form each id must have
 * @param maxIds how many ids one header may carry (1: exactly one, no separator)
 * @param separator what joins several ids in the header's value
 * @param hosts the hosts (with their subdomains) whose requests carry the header
 * @param resourceTypes the browser request types that carry it (declarativeNetRequest names)
 * @param blockedWhenOn URL filters of endpoints that serve people without signing in, blocked while the restriction
 *     is on (empty when the vendor documents none)
 * @param whereToFindId where an admin finds the id
 * @param refusal what a person signed in with another account sees
 * @param source the vendor's page this was read from, and when
 */
public record TenantMechanism(
        String header,
        String idName,
        TenantIdFormat idFormat,
        int maxIds,
        String separator,
        List<String> hosts,
        List<String> resourceTypes,
        List<String> blockedWhenOn,
        String whereToFindId,
        String refusal,
        FactSource source) {

    /** Every request type that can reach a vendor's host, from the page, its frames, scripts and sockets. */
    public static final List<String> ALL_REQUEST_TYPES = List.of(
            "main_frame",
            "sub_frame",
            "xmlhttprequest",
            "websocket",
            "script",
            "stylesheet",
            "image",
            "font",
            "media",
            "ping",
            "csp_report",
            "webtransport",
            "other");

    public TenantMechanism {
        hosts = List.copyOf(hosts);
        resourceTypes =
                resourceTypes == null || resourceTypes.isEmpty() ? ALL_REQUEST_TYPES : List.copyOf(resourceTypes);
        blockedWhenOn = blockedWhenOn == null ? List.of() : List.copyOf(blockedWhenOn);
        separator = separator == null ? "," : separator;
    }
}
