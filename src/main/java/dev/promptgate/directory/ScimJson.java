package dev.promptgate.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.apache.directory.scim.core.json.ObjectMapperFactory;
import org.apache.directory.scim.core.schema.SchemaRegistry;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.protocol.data.ErrorResponse;
import org.apache.directory.scim.protocol.data.ListResponse;
import org.apache.directory.scim.protocol.data.PatchRequest;
import org.apache.directory.scim.protocol.data.SearchRequest;
import org.apache.directory.scim.spec.resources.ScimResource;
import org.apache.directory.scim.spec.schema.ResourceType;
import org.apache.directory.scim.spec.schema.Schema;
import org.apache.directory.scim.spec.schema.ServiceProviderConfiguration;

/**
 * Reads and writes SCIM's own types with SCIMple's mapper, which knows the SCIM schemas and their extensions. One
 * provider per SCIM type (the nested classes), so that no other endpoint's JSON ever comes near it. Stricter than
 * SCIMple on input: an attribute the schemas do not define is a 400 ({@code invalidSyntax}), not silently dropped, so
 * a mapping mistake in the identity provider shows at once.
 */
public abstract class ScimJson<T> implements MessageBodyReader<T>, MessageBodyWriter<T> {

    private static final String SCIM_PACKAGES = "org.apache.directory.scim.";

    private final SchemaRegistry schemas;
    private volatile ObjectMapper mapper;

    ScimJson(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    @Provider
    @Singleton
    @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Resources extends ScimJson<ScimResource> {
        Resources(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Patches extends ScimJson<PatchRequest> {
        Patches(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Searches extends ScimJson<SearchRequest> {
        Searches(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    @SuppressWarnings("rawtypes")
    public static class Lists extends ScimJson<ListResponse> {
        Lists(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Errors extends ScimJson<ErrorResponse> {
        Errors(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class ProviderConfigs extends ScimJson<ServiceProviderConfiguration> {
        ProviderConfigs(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Schemas extends ScimJson<Schema> {
        Schemas(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    @Provider
    @Singleton
    @Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public static class Types extends ScimJson<ResourceType> {
        Types(SchemaRegistry schemas) {
            super(schemas);
        }
    }

    private ObjectMapper mapper() {
        ObjectMapper current = mapper;
        if (current == null) {
            current = ObjectMapperFactory.createObjectMapper(schemas).addHandler(new UnknownAttributes(schemas));
            mapper = current;
        }
        return current;
    }

    private static boolean scim(Class<?> type) {
        return type.getName().startsWith(SCIM_PACKAGES);
    }

    @Override
    public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType media) {
        return scim(type);
    }

    @Override
    public T readFrom(
            Class<T> type,
            Type generic,
            Annotation[] annotations,
            MediaType media,
            MultivaluedMap<String, String> headers,
            InputStream body)
            throws IOException {
        try {
            ObjectMapper json = mapper();
            T value = json.readValue(body, json.constructType(generic));
            if (value == null) {
                ErrorResponse error =
                        new ErrorResponse(Response.Status.BAD_REQUEST, "The body must be a SCIM JSON object");
                error.setScimType(ErrorMessageType.INVALID_SYNTAX);
                throw new WebApplicationException(error.toResponse());
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            ErrorResponse error = new ErrorResponse(Response.Status.BAD_REQUEST, describe(e));
            error.setScimType(ErrorMessageType.INVALID_SYNTAX);
            throw new WebApplicationException(error.toResponse());
        }
    }

    /**
     * What is wrong with a body, in the client's terms: the attribute and where it is. Jackson's own message names
     * the server's Java types, which a client has no business seeing.
     */
    static String describe(com.fasterxml.jackson.core.JacksonException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "Unknown attribute '" + unknown.getPropertyName() + "'" + where;
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String attribute = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."))
                    .replace(".[", "[");
            return "Attribute '" + attribute + "' has a value of the wrong type or form" + where;
        }
        return "The body is not valid SCIM JSON" + where;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type generic, Annotation[] annotations, MediaType media) {
        return scim(type);
    }

    @Override
    public void writeTo(
            T value,
            Class<?> type,
            Type generic,
            Annotation[] annotations,
            MediaType media,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        mapper().writeValue(out, value);
    }

    /**
     * Refuses attributes no schema defines. SCIMple's own handler (called after this one) reads the registered
     * extensions, named by their schema URN; everything else that Jackson could not map is unknown.
     */
    static final class UnknownAttributes extends DeserializationProblemHandler {

        private final SchemaRegistry schemas;

        UnknownAttributes(SchemaRegistry schemas) {
            this.schemas = schemas;
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String property)
                throws IOException {
            if (beanOrClass instanceof ScimResource resource
                    && schemas.getExtensionClass(resource.getClass(), property) != null) {
                return false;
            }
            throw com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(
                    parser, beanOrClass, property, null);
        }
    }
}
