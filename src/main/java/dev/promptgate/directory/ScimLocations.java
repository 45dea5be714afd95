package dev.promptgate.directory;

import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import org.apache.directory.scim.protocol.data.ListResponse;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.resources.ScimResource;
import org.apache.directory.scim.spec.resources.ScimUser;

/**
 * Gives every person and group a SCIM answer carries its {@code meta.location} (RFC 7643 §3.1): the URI of the
 * resource, which SCIM clients use to read, replace and patch it again. It is built on the configured public URL
 * when there is one, otherwise on the address the caller used; either way it is only sent back to that caller.
 */
@Provider
class ScimLocations implements ContainerResponseFilter {

    @Inject
    Instance<PromptgateConfig> config;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null || !isScim(request.getUriInfo().getPath())) {
            return;
        }
        String base = config.get()
                        .publicUrl()
                        .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                        .orElseGet(() -> trimmed(request.getUriInfo().getBaseUri()))
                + ScimEndpoints.ROOT;
        if (entity instanceof ScimResource resource) {
            locate(resource, base);
        } else if (entity instanceof ListResponse<?> list && list.getResources() != null) {
            for (Object item : list.getResources()) {
                if (item instanceof ScimResource resource) {
                    locate(resource, base);
                }
            }
        }
    }

    private static boolean isScim(String path) {
        String relative = path.startsWith("/") ? path : "/" + path;
        return relative.startsWith(ScimEndpoints.ROOT + "/");
    }

    private static String trimmed(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static void locate(ScimResource resource, String base) {
        String collection =
                resource instanceof ScimUser ? "/Users/" : resource instanceof ScimGroup ? "/Groups/" : null;
        if (collection == null || resource.getId() == null || resource.getMeta() == null) {
            return;
        }
        resource.getMeta().setLocation(base + collection + resource.getId());
    }
}
