package dev.promptgate.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The catalog as policy as code replaces it in one apply: custom services are created, updated and deleted, built-in
 * ones only switched on or off. These operations neither audit nor announce: the apply records one audit entry and
 * one change for the whole document.
 */
@ApplicationScoped
@Transactional
public class CatalogAsCode {

    /** Deletes the custom services not named here; their rules must be gone already. */
    public void deleteCustomExcept(Set<String> keys) {
        for (AiService service : AiService.<AiService>list("builtIn", false)) {
            if (!keys.contains(service.key)) {
                service.delete();
            }
        }
        AiService.flush();
    }

    /** Creates or updates these custom services, and switches off exactly the built-in ones named. */
    public void writeAll(Map<String, ServiceDefinition> custom, Collection<String> disabledBuiltIns) {
        Instant now = Instant.now();
        custom.forEach((key, definition) -> {
            AiService service = AiService.findById(key);
            if (service == null) {
                service = new AiService();
                service.key = key;
                service.builtIn = false;
                service.createdAt = now;
                service.updatedAt = now;
                definition.applyTo(service, Set.of());
                service.enabled = definition.enabled();
                service.persist();
            } else if (!ServiceDefinition.of(service).equals(definition)) {
                definition.applyTo(service, Set.of());
                service.enabled = definition.enabled();
                service.updatedAt = now;
            }
        });
        Set<String> disabled = Set.copyOf(disabledBuiltIns);
        for (AiService service : AiService.<AiService>list("builtIn", true)) {
            boolean enabled = !disabled.contains(service.key);
            if (service.enabled != enabled) {
                service.enabled = enabled;
                service.updatedAt = now;
            }
        }
        AiService.flush();
    }
}
