package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the chart rendered, read strictly as Kubernetes objects: every document must be a kind the chart is
 * known to render, and every field must be one that kind has, with the type it has.
 */
record Manifests(List<HasMetadata> objects) {

    /** The kinds the chart renders, by apiVersion and kind. An unexpected kind is an error. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    /**
     * The Kubernetes model keeps unknown fields in an "additional properties" map; with that turned off, an unknown
     * (say misspelled or misplaced) field fails the read instead.
     */
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    static Manifests parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                STRICT.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(read(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(List.copyOf(objects));
    }

    private static HasMetadata read(JsonNode document) throws IOException {
        String type = document.path("apiVersion").asText() + "/"
                + document.path("kind").asText();
        Class<? extends HasMetadata> kind = KINDS.get(type);
        assertNotNull(kind, () -> "The chart rendered an unexpected kind " + type);
        HasMetadata object = STRICT.treeToValue(document, kind);
        // Read back, the object must say exactly what was rendered: no field dropped, no value coerced
        // (a port given as the string "80", say).
        JsonNode readBack = STRICT.valueToTree(object);
        assertTrue(
                document.equals(SAME_VALUE, readBack),
                () -> type + " does not read back as it was rendered, at " + difference(document, readBack, ""));
        return object;
    }

    /** Numbers are equal by value (an int field and a long field both hold 185). */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static String difference(JsonNode rendered, JsonNode readBack, String path) {
        if (rendered.isContainerNode() && rendered.getNodeType() == readBack.getNodeType()) {
            var names = new TreeSet<String>();
            rendered.fieldNames().forEachRemaining(names::add);
            readBack.fieldNames().forEachRemaining(names::add);
            for (int i = 0; rendered.isArray() && i < Math.max(rendered.size(), readBack.size()); i++) {
                names.add(Integer.toString(i));
            }
            for (String name : names) {
                JsonNode a = rendered.isArray() ? rendered.path(Integer.parseInt(name)) : rendered.path(name);
                JsonNode b = readBack.isArray() ? readBack.path(Integer.parseInt(name)) : readBack.path(name);
                if (!a.equals(SAME_VALUE, b)) {
                    return difference(a, b, path + "/" + name);
                }
            }
        }
        return path + ": " + rendered + " became " + readBack;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() > 1) {
            throw new AssertionError("More than one " + kind.getSimpleName());
        }
        return found.stream().findFirst();
    }

    /** The one object of this kind with this name. */
    <T extends HasMetadata> T named(Class<T> kind, String name) {
        List<T> found = all(kind).stream()
                .filter(object -> name.equals(object.getMetadata().getName()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + kind.getSimpleName() + " named " + name);
        }
        return found.get(0);
    }

    <T extends HasMetadata> T one(Class<T> kind) {
        return find(kind).orElseThrow(() -> new AssertionError("No " + kind.getSimpleName() + " rendered"));
    }
}
