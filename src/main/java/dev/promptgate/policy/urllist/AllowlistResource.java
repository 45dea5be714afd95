package dev.promptgate.policy.urllist;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(AllowlistResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Allowlist", description = "URL patterns that are exempt from the blocklist and from catalog rules.")
public class AllowlistResource extends UrlListResource<UrlListEntryView.AllowInput> {

    static final String PATH = "/api/v1/allowlist";

    AllowlistResource(UrlListService lists) {
        super(lists, UrlListEntry.Kind.ALLOWLIST, PATH);
    }
}
