package dev.promptgate.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.directory.scim.server.configuration.ServerConfiguration;
import org.apache.directory.scim.server.rest.EtagGenerator;
import org.apache.directory.scim.spec.schema.ServiceProviderConfiguration.AuthenticationSchema;
import org.apache.directory.scim.spec.schema.ServiceProviderConfiguration.BulkConfiguration;

/** What /scim/v2/ServiceProviderConfig announces: filters and PATCH yes; bulk, sorting, password changes no. */
@ApplicationScoped
class ScimConfiguration {

    /** SCIMple's ETags of the service provider configuration (its server jar is not scanned for beans). */
    @Produces
    @ApplicationScoped
    EtagGenerator etagGenerator() {
        return new EtagGenerator();
    }

    @Produces
    @ApplicationScoped
    ServerConfiguration serverConfiguration() {
        ServerConfiguration configuration = new ServerConfiguration() {
            @Override
            public BulkConfiguration getBulkConfiguration() {
                BulkConfiguration bulk = super.getBulkConfiguration();
                bulk.setSupported(false);
                return bulk;
            }
        };
        configuration.setId("promptgate");
        configuration.setSupportsFilter(true);
        configuration.setFilterMaxResults(ScimQuery.MAX_PAGE);
        configuration.setSupportsSort(false);
        configuration.setSupportsChangePassword(false);
        configuration.addAuthenticationSchema(AuthenticationSchema.oauthBearer());
        return configuration;
    }
}
