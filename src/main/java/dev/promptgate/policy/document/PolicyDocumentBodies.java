package dev.promptgate.policy.document;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes policy documents and apply results as JSON or YAML through {@link PolicyDocumentCodec}, and reads
 * documents sent as YAML (JSON bodies take the API's usual reader, configured alike).
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, PolicyDocumentCodec.APPLICATION_YAML})
@Consumes(PolicyDocumentCodec.APPLICATION_YAML)
public class PolicyDocumentBodies implements MessageBodyWriter<Object>, MessageBodyReader<PolicyDocument> {

    private static final MediaType YAML = MediaType.valueOf(PolicyDocumentCodec.APPLICATION_YAML);

    private final PolicyDocumentCodec codec;

    PolicyDocumentBodies(PolicyDocumentCodec codec) {
        this.codec = codec;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return (type == PolicyDocument.class || type == ApplyResult.class)
                && (YAML.isCompatible(mediaType) || MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType));
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        out.write(YAML.isCompatible(mediaType) ? codec.writeYaml(value) : codec.writeJson(value));
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == PolicyDocument.class && YAML.isCompatible(mediaType);
    }

    @Override
    public PolicyDocument readFrom(
            Class<PolicyDocument> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream in)
            throws IOException {
        return codec.readYaml(in);
    }
}
