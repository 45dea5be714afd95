package dev.promptgate.api;

import java.util.List;

/**
 * A domain failure that the API reports as a problem detail. Services throw the named subclasses; the one
 * {@link ProblemMapper} turns them into responses.
 */
public abstract sealed class ProblemException extends RuntimeException {

    private final transient Problem problem;

    protected ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds the client should wait before trying again (the Retry-After header), when that is the point. */
    public Integer retryAfterSeconds() {
        return null;
    }

    /** 404: the addressed thing does not exist. */
    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(Problem.of("not-found", "Not found", 404, detail));
        }
    }

    /** 409: the request contradicts the current state (a duplicate name, a published guideline edited, …). */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(Problem.of("conflict", "Conflict with the current state", 409, detail));
        }
    }

    /** 400: the input is well-formed but not acceptable; names each offending field. */
    public static final class InvalidInput extends ProblemException {
        public InvalidInput(String field, String message) {
            this(List.of(new Problem.FieldError(field, message)));
        }

        public InvalidInput(List<Problem.FieldError> errors) {
            super(Problem.of("invalid-input", "Invalid input", 400, summary(errors))
                    .withErrors(errors));
        }

        private static String summary(List<Problem.FieldError> errors) {
            return errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
        }
    }

    /** 428: an update was sent without If-Match. */
    public static final class PreconditionRequired extends ProblemException {
        public PreconditionRequired() {
            super(Problem.of(
                    "precondition-required",
                    "If-Match required",
                    428,
                    "Send the ETag from your last GET in If-Match, so that nobody else's change is overwritten"));
        }
    }

    /** 412: the If-Match ETag is not the current one: somebody changed the resource meanwhile. */
    public static final class StaleVersion extends ProblemException {
        public StaleVersion(String current) {
            super(Problem.of(
                    "stale-version",
                    "Changed meanwhile",
                    412,
                    "The resource changed since you read it (current ETag " + current
                            + "); GET it again and reapply your change"));
        }
    }

    /**
     * 401: a policy session handle that no longer holds (expired, or the policy or directory changed since it was
     * issued); the browser sends its user token again and gets a new one.
     */
    public static final class SessionExpired extends ProblemException {
        public SessionExpired() {
            super(Problem.of(
                    "session-expired",
                    "Session handle expired",
                    401,
                    "The X-Promptgate-Session handle has expired or the policy or directory changed since it was"
                            + " issued; send the user token in X-Promptgate-User-Token again"));
        }
    }

    /** 400: the server is missing a setting this request needs; the detail says which and how to set it. */
    public static final class NotConfigured extends ProblemException {
        public NotConfigured(String detail) {
            super(Problem.of("not-configured", "Setting required", 400, detail));
        }
    }

    /** 413: the request carries more than the documented maximum (of events in a batch, for example). */
    public static final class TooLarge extends ProblemException {
        public TooLarge(String detail) {
            super(Problem.of("too-large", "Request too large", 413, detail));
        }
    }

    /** 429: this caller sent more than its share; it may try again after the given time. */
    public static final class TooManyRequests extends ProblemException {
        private final int retryAfter;

        public TooManyRequests(String detail, int retryAfterSeconds) {
            super(Problem.of("too-many-requests", "Too many requests", 429, detail));
            this.retryAfter = retryAfterSeconds;
        }

        @Override
        public Integer retryAfterSeconds() {
            return retryAfter;
        }
    }

    /** 503: something the request needs (the database) is not available now; nothing was done. */
    public static final class Unavailable extends ProblemException {
        private final int retryAfter;

        public Unavailable(String detail, int retryAfterSeconds) {
            super(Problem.of("unavailable", "Temporarily unavailable", 503, detail));
            this.retryAfter = retryAfterSeconds;
        }

        @Override
        public Integer retryAfterSeconds() {
            return retryAfter;
        }
    }
}
