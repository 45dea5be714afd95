package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.policy.group.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns the query parameters of the event, acknowledgement and report endpoints into stored values: a user
 * identifier into its pseudonym, a group id into the group name events carry, a host into its stored form.
 */
@ApplicationScoped
public class EventFilters {

    /** The time range searched when none is given: the last week (and the day ahead clocks may be off by). */
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final UserPseudonyms pseudonyms;
    private final EventSettingsService settings;
    private final GroupService groups;

    EventFilters(UserPseudonyms pseudonyms, EventSettingsService settings, GroupService groups) {
        this.pseudonyms = pseudonyms;
        this.settings = settings;
        this.groups = groups;
    }

    /** A user filter: a pseudonym as given, or an identifier, which only identified mode may search by. */
    public record UserFilter(String pseudonym, boolean onlyIdentified) {}

    public UserFilter user(String user, String userPseudonym) {
        if (user != null && !user.isBlank()) {
            if (!settings.identifiedUsers()) {
                throw new ProblemException.InvalidInput(
                        "user", "searching by user identifier needs identified mode; search by userPseudonym instead");
            }
            return new UserFilter(pseudonyms.pseudonym(user), true);
        }
        return new UserFilter(userPseudonym == null || userPseudonym.isBlank() ? null : userPseudonym.strip(), false);
    }

    /** The name events carry for a group, or null for none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String groupName(Long groupId) {
        if (groupId == null) {
            return null;
        }
        return groups.nameOf(groupId, "groupId");
    }

    public String host(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        try {
            return HostNames.normalize(host.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("host", e.getMessage());
        }
    }

    /** A time range: {@code from} inclusive, {@code to} exclusive. */
    public record TimeRange(Instant from, Instant to) {}

    /** The time range of a search, filled in with the default and checked. */
    public TimeRange range(Instant from, Instant to) {
        Instant end = to != null ? to : Instant.now().plus(EventValidator.MAX_CLOCK_SKEW);
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE).minus(EventValidator.MAX_CLOCK_SKEW);
        if (!start.isBefore(end)) {
            throw new ProblemException.InvalidInput("from", "must be before to");
        }
        return new TimeRange(start, end);
    }

    public EventQuery query(
            Instant from,
            Instant to,
            String type,
            String serviceKey,
            String host,
            String deviceId,
            String user,
            String userPseudonym,
            Integer guidelineVersion,
            Long groupId) {
        TimeRange range = range(from, to);
        UserFilter userFilter = user(user, userPseudonym);
        return new EventQuery(
                range.from(),
                range.to(),
                blankToNull(type),
                blankToNull(serviceKey),
                host(host),
                blankToNull(deviceId),
                userFilter.pseudonym(),
                userFilter.onlyIdentified(),
                guidelineVersion,
                groupName(groupId));
    }

    public AcknowledgementQuery acknowledgementQuery(
            Integer guidelineVersion,
            String user,
            String userPseudonym,
            String deviceId,
            Long groupId,
            Instant from,
            Instant to) {
        UserFilter userFilter = user(user, userPseudonym);
        return new AcknowledgementQuery(
                guidelineVersion,
                userFilter.pseudonym(),
                userFilter.onlyIdentified(),
                blankToNull(deviceId),
                groupName(groupId),
                from,
                to);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
