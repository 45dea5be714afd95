package dev.promptgate.catalog;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "AI services")
public class CatalogReviewResource {

    private final CatalogReviewService reviews;

    CatalogReviewResource(CatalogReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @Path("review")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "List catalog facts due for review and services with unverified facts",
            description = "A fact is due when its review date is older than olderThanDays (default:"
                    + " promptgate.catalog.review-after-days, 90) or it has no source.")
    public CatalogReview reviewCatalog(
            @QueryParam("olderThanDays")
                    @Min(1)
                    @Max(3650)
                    @Parameter(description = "Age in days after which a fact is due; the configured age if absent.")
                    Integer olderThanDays) {
        return reviews.review(olderThanDays);
    }

    @GET
    @Path("changes")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List what releases added or changed in built-in services, newest first")
    public Page<CatalogChangeView> listCatalogChanges(
            @QueryParam("service") @Parameter(description = "Only this service's changes.") String serviceKey,
            @Valid @BeanParam PageParams paging) {
        return reviews.changes(serviceKey, paging);
    }
}
