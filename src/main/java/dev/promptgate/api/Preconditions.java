package dev.promptgate.api;

/** If-Match handling: every update names the version it was made against. */
public final class Preconditions {

    private Preconditions() {}

    /** The quoted strong ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Fails unless {@code ifMatch} names {@code currentVersion}. {@code *} ("any current representation" in RFC
     * 9110) is not taken: an update must name the version it was made against.
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException.PreconditionRequired();
        }
        String current = etag(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals(current)) {
                return;
            }
        }
        throw new ProblemException.StaleVersion(current);
    }

    /**
     * Fails unless {@code ifMatch} names {@code current}, a quoted strong ETag such as a content hash. {@code *} is
     * not taken: a change must name the state it was made against.
     */
    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException.PreconditionRequired();
        }
        for (String tag : ifMatch.split(",")) {
            if (tag.trim().equals(current)) {
                return;
            }
        }
        throw new ProblemException.StaleVersion(current);
    }
}
