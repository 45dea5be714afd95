package dev.promptgate.policy.urllist;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(BlocklistResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Blocklist", description = "URL patterns that are blocked or warned about, beyond the catalog.")
public class BlocklistResource extends UrlListResource<UrlListEntryView.BlockInput> {

    static final String PATH = "/api/v1/blocklist";

    BlocklistResource(UrlListService lists) {
        super(lists, UrlListEntry.Kind.BLOCKLIST, PATH);
    }
}
