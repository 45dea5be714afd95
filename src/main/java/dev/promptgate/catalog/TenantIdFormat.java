package dev.promptgate.catalog;

import java.util.regex.Pattern;

/**
 * The form of the ids a vendor's tenant-restriction header takes. Each id is checked against its form before it
 * is stored, so that nothing but the vendor's own syntax (no line breaks, no separators) reaches a request header.
 */
public enum TenantIdFormat {
    /** A UUID, as ChatGPT workspaces and Anthropic organizations have. */
    UUID(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "a UUID such as 550e8400-e29b-41d4-a716-446655440000"),
    /** An OpenAI API organization id. */
    OPENAI_ORGANIZATION("org-[A-Za-z0-9]{1,64}", "an OpenAI organization id such as org-AbC123"),
    /** A DNS domain name, as Google Workspace domains are. */
    DOMAIN(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
            "a lowercase domain name such as example.com"),
    /** A GitHub enterprise id (a number). */
    GITHUB_ENTERPRISE("[0-9]{1,20}", "a GitHub enterprise id (digits) such as 12345"),
    /** Microsoft Entra tenant restrictions v2: the directory (tenant) id and the policy id, both UUIDs. */
    ENTRA_TENANT_POLICY(
            "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}:[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}",
            "a directory id and a policy id, both UUIDs, joined by a colon");

    private final Pattern pattern;
    private final String description;

    TenantIdFormat(String regex, String description) {
        this.pattern = Pattern.compile(regex);
        this.description = description;
    }

    public boolean accepts(String id) {
        return id != null && pattern.matcher(id).matches();
    }

    /** What a valid id looks like, for error messages and the admin API. */
    public String description() {
        return description;
    }
}
