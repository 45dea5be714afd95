package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.api.StrictJson;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/** What every console page shows about its reader (name, role, CSRF token), and the shared page responses. */
@RequestScoped
public class ConsoleUi {

    /** The signed-in reader as the layout shows them; {@code csrf} goes into every change form. */
    public record Reader(String name, String role, boolean admin, String csrf, String active) {}

    private final SecurityIdentity identity;
    private final Validator validator;

    ConsoleUi(SecurityIdentity identity, Validator validator) {
        this.identity = identity;
        this.validator = validator;
    }

    /** The request's identity: a console session, an OIDC sign-in, or an API token. */
    public SecurityIdentity identity() {
        return identity;
    }

    /** The console session of the request, or null when it was signed in some other way. */
    public ConsoleSessions.Signed session() {
        return identity.getAttribute(ConsoleSessionMechanism.SESSION);
    }

    /**
     * Refuses a change whose form does not carry the session's CSRF token (403), or one with a field that holds a
     * control character other than tab and line breaks, or an unpaired surrogate (400 naming the field): the API
     * refuses such text in its JSON bodies ({@link StrictJson}), and PostgreSQL refuses a NUL with an error that
     * would otherwise be a 500. A request signed in with a bearer token (an API client, not a browser's cookie) has
     * no session and nothing a forged form could use.
     */
    public void checkForm(String offered) {
        ConsoleSessions.Signed session = session();
        if (session != null && !ConsoleSessions.csrfMatches(session, offered)) {
            throw new ForbiddenException("The form's CSRF token is missing or wrong; reload the page");
        }
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        FormData form = request == null ? null : request.getFormData();
        if (form == null) {
            return;
        }
        for (String field : form) {
            for (FormValue value : form.get(field)) {
                if (!StrictJson.isSafe(field) || !value.isFileItem() && !StrictJson.isSafe(value.getValue())) {
                    throw new ProblemException.InvalidInput(
                            StrictJson.isSafe(field) ? field : "form", StrictJson.UNSAFE_TEXT);
                }
            }
        }
    }

    /** The page's template with the reader filled in; {@code active} names the navigation entry. */
    public TemplateInstance page(Template template, String active) {
        ConsoleSessions.Signed session = identity.getAttribute(ConsoleSessionMechanism.SESSION);
        boolean admin = identity.hasRole(Roles.ADMIN);
        return template.data(
                        "reader",
                        new Reader(
                                identity.getPrincipal().getName(),
                                admin ? Roles.ADMIN : Roles.VIEWER,
                                admin,
                                session == null ? "" : session.csrfToken(),
                                active))
                .data("error", null)
                .data("notice", null)
                .data("conflict", null);
    }

    /** Bean validation of a form's input, as the API does it at its edge; the first problem becomes the error. */
    public <T> T valid(T input) {
        Set<ConstraintViolation<T>> problems = validator.validate(input);
        if (!problems.isEmpty()) {
            throw new ProblemException.InvalidInput(problems.stream()
                    .map(v -> new dev.promptgate.api.Problem.FieldError(
                            v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(dev.promptgate.api.Problem.FieldError::field))
                    .collect(Collectors.toList()));
        }
        return input;
    }

    /** After a change: back to the page (post/redirect/get), with a notice code the page turns into text. */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** The text of a failed change, for the page to show next to the form. */
    public static String describe(ProblemException problem) {
        var p = problem.problem();
        StringBuilder text = new StringBuilder(p.title() == null ? "The change was refused" : p.title());
        if (p.detail() != null) {
            text.append(": ").append(p.detail());
        }
        if (p.errors() != null) {
            p.errors()
                    .forEach(e ->
                            text.append(" — ").append(e.field()).append(' ').append(e.message()));
        }
        return text.toString();
    }

    /** HTTP status for a failed change, so that tests and tools see it too. */
    public static int status(ProblemException problem) {
        return problem.problem().status();
    }

    /**
     * A change from a form: done, back to {@code done} (post/redirect/get); refused, the page again with the
     * refusal's status and its text as {@code error}, or, when someone else changed the same thing first, with what
     * {@code stale} adds to it (with no {@code stale}, such a refusal is shown as any other).
     */
    public static Response change(
            Runnable change, String done, Supplier<TemplateInstance> page, UnaryOperator<TemplateInstance> stale) {
        try {
            change.run();
            return seeOther(done);
        } catch (ProblemException e) {
            TemplateInstance again = page.get();
            return Response.status(status(e))
                    .entity(
                            e instanceof ProblemException.StaleVersion && stale != null
                                    ? stale.apply(again)
                                    : again.data("error", describe(e)))
                    .build();
        }
    }
}
