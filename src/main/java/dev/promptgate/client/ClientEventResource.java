package dev.promptgate.client;

import dev.promptgate.api.Roles;
import dev.promptgate.bundle.BundleStore;
import dev.promptgate.events.EventBatchReader;
import dev.promptgate.events.EventIngest;
import dev.promptgate.events.KnownPerson;
import dev.promptgate.events.RawEvent;
import dev.promptgate.identity.Identity;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.security.ApiTokenIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where browsers report what the extension did. Validation and queuing stay on the event loop. */
@Path("/api/v1/client/events")
@Tag(name = "Client")
public class ClientEventResource {

    private final EventIngest ingest;
    private final SecurityIdentity identity;
    private final KnownIdentities people;
    private final BundleStore bundles;

    ClientEventResource(EventIngest ingest, SecurityIdentity identity, KnownIdentities people, BundleStore bundles) {
        this.ingest = ingest;
        this.identity = identity;
        this.people = people;
        this.bundles = bundles;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLIENT)
    @Operation(
            summary = "Post a batch of events; resent events are counted as duplicates and stored once",
            description = "Each event is checked on its own: refused ones are listed with their reasons, the others"
                    + " are stored. The person and groups come from the verified identity headers; the events' own"
                    + " user and groups are ignored, and the answer lists them under ignored. See docs/client-api.md.")
    @APIResponse(
            responseCode = "202",
            description = "Stored: how many events were new, how many were stored before, and which were refused",
            content = @Content(schema = @Schema(implementation = EventIngest.Outcome.class)))
    @APIResponse(
            responseCode = "413",
            description = "More events than promptgate.events.max-batch, or a body over 1 MiB")
    @APIResponse(
            responseCode = "429",
            description = "This browser, person or enrollment token sent too much; wait Retry-After seconds")
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; nothing was stored; wait Retry-After")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EventBatch.class)))
    public Uni<Response> postClientEvents(
            @HeaderParam(IdentityResolver.USER_TOKEN_HEADER)
                    @Parameter(description = "The user's OIDC access token: the person and groups of the events.")
                    String userToken,
            @HeaderParam(IdentityResolver.BROWSER_ACCOUNT_HEADER)
                    @Parameter(
                            description = "The managed browser profile's e-mail: the person and groups of the events"
                                    + " when the directory knows them.")
                    String browserAccount,
            byte[] body) {
        long tokenId = identity.<Long>getAttribute(ApiTokenIdentityProvider.TOKEN_ID);
        return people.resolve(userToken, browserAccount)
                .map(this::person)
                .chain(person -> Uni.createFrom().completionStage(() -> ingest.ingest(tokenId, person, read(body))))
                .onFailure(e -> e instanceof CompletionException || e instanceof UncheckedIOException)
                .transform(Throwable::getCause)
                .map(outcome -> Response.accepted(outcome).build());
    }

    /** The verified person of a batch and the Promptgate groups they are in; null when nobody was verified. */
    private KnownPerson person(Identity verified) {
        return verified.known() && verified.user() != null
                ? new KnownPerson(verified.user(), bundles.groupNames(verified.groups()))
                : null;
    }

    /** Read token by token rather than bound to records: each event is checked on its own, and fast. */
    private static List<RawEvent> read(byte[] body) {
        try {
            return EventBatchReader.read(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body: the events, each checked on its own (documentation of the contract). */
    public record EventBatch(
            @Schema(
                            required = true,
                            maxItems = 500,
                            description = "At most promptgate.events.max-batch events (500 unless configured)")
                    List<ClientEvent> events) {}

    /** One event as the extension sends it (documentation of the contract; the server reads each field itself). */
    @Schema(description = "What the extension did. Never page text, typed text, or a URL's path or query.")
    public record ClientEvent(
            @Schema(required = true, description = "Made once by the extension and kept when it resends") UUID id,
            @Schema(required = true, description = "When it happened; kept identical when resending")
                    Instant occurredAt,
            @Schema(required = true, maxLength = 100, description = "The extension's install id") String deviceId,
            @Schema(
                            deprecated = true,
                            maxLength = MAX_BODY,
                            description = "Ignored and never stored: the person comes from a verified identity")
                    String user,
            @Schema(required = true, maxLength = 50) String extensionVersion,
            @Schema(
                            required = true,
                            maxLength = 40,
                            description = "visit, warned, proceeded, acknowledged, blocked, reminder_shown,"
                                    + " reminder_done, policy_applied, dlp_detected, or a later type")
                    String type,
            @Schema(maxLength = 63, description = "The catalog service, when the page belongs to one")
                    String serviceKey,
            @Schema(maxLength = 253, description = "The page's host name only: never a scheme, path, query or fragment")
                    String host,
            @Schema(
                            enumeration = {"ALLOW", "WARN", "ACKNOWLEDGE", "REDACT", "BLOCK"},
                            description = "REDACT only on dlp_detected events, ACKNOWLEDGE never on them")
                    String action,
            @Schema(minimum = "1", maximum = "2147483647", description = "The guideline version shown or acknowledged")
                    Integer guidelineVersion,
            @Schema(
                            deprecated = true,
                            maxItems = MAX_BODY / 3,
                            description = "Ignored and never stored: groups come from a verified identity")
                    List<@Size(max = MAX_BODY) String> groups,
            @Schema(
                            maxLength = 40,
                            description = "dlp_detected only: a built-in detector id, kw-N, re-N, or upload; never"
                                    + " any text of what matched")
                    String detector,
            @Schema(minimum = "1", maximum = "10000", description = "dlp_detected only: how many matches")
                    Integer matches,
            @Schema(
                            enumeration = {"paste", "submit", "upload"},
                            description = "dlp_detected only")
                    String trigger,
            @Schema(
                            enumeration = {
                                "monitored",
                                "sent-anyway",
                                "removed",
                                "cancelled",
                                "redacted",
                                "blocked",
                                "not-sensitive"
                            },
                            description = "dlp_detected only: what the person chose, or what the action did")
                    String outcome,
            @Schema(minimum = "0", maximum = "9", description = "dlp_detected only: index of the chosen justification")
                    Integer justification,
            @Schema(
                            enumeration = {
                                "application",
                                "audio",
                                "font",
                                "image",
                                "message",
                                "model",
                                "multipart",
                                "text",
                                "video",
                                "unknown"
                            },
                            description = "upload detections only: the top-level MIME type, never the file name")
                    String fileType,
            @Schema(
                            enumeration = {"<1MB", "1-10MB", ">10MB"},
                            description = "upload detections only")
                    String sizeBucket) {

        /** The body limit (quarkus.http.limits.max-body-size): the only bound on the fields the server ignores. */
        static final int MAX_BODY = 1024 * 1024;
    }
}
