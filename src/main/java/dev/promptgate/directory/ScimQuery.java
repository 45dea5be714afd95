package dev.promptgate.directory;

import java.util.Locale;
import java.util.Set;
import org.apache.directory.scim.spec.exception.UnsupportedFilterException;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.PageRequest;

/**
 * The one filter shape identity providers send to find what they provisioned, {@code attribute eq "value"}, on an
 * attribute the directory can look up by (for people stored pseudonymously, through the pseudonym). Other filters
 * are refused with SCIM's {@code invalidFilter} rather than evaluated over values the directory does not keep.
 *
 * @param attribute the attribute in lower case, sub-attribute after a dot ({@code emails.value})
 */
record ScimQuery(String attribute, String value) {

    /** The most resources one list answer holds (ServiceProviderConfig's filter.maxResults). */
    static final int MAX_PAGE = 200;

    /** The deepest list position served (a startIndex beyond it finds nothing), so that offsets stay in range. */
    static final int MAX_START = 20_000_000;

    /** The zero-based first position of a page: a startIndex below 1 counts as 1 (RFC 7644 3.4.2.4). */
    static int start(PageRequest page) {
        Integer index = page.getStartIndex();
        return index == null ? 0 : (int) Math.min(Math.max(0L, index - 1L), MAX_START);
    }

    /** How many resources a page holds: a negative count as 0 (RFC 7644 3.4.2.4), at most {@link #MAX_PAGE}. */
    static int count(PageRequest page) {
        Integer count = page.getCount();
        return count == null ? MAX_PAGE : Math.max(0, Math.min(count, MAX_PAGE));
    }

    /** The last zero-based position of a page for a range query; a page of 0 is cut from a range of 1. */
    static int last(PageRequest page) {
        return start(page) + Math.max(1, count(page)) - 1;
    }

    /** The query of a filter, or null for none. */
    static ScimQuery of(Filter filter, Set<String> supported) {
        if (filter == null || filter.getExpression() == null) {
            return null;
        }
        FilterExpression expression = filter.getExpression();
        if (expression instanceof AttributeComparisonExpression comparison
                && comparison.getOperation() == CompareOperator.EQ
                && comparison.getCompareValue() instanceof String value) {
            var path = comparison.getAttributePath();
            String attribute = path.getAttributeName().toLowerCase(Locale.ROOT)
                    + (path.getSubAttributeName() == null
                            ? ""
                            : "." + path.getSubAttributeName().toLowerCase(Locale.ROOT));
            if (supported.contains(attribute)) {
                return new ScimQuery(attribute, value);
            }
        }
        throw new UnsupportedFilterException(
                "Only filters of the form attribute eq \"value\" on " + supported + " are supported");
    }
}
